/**
 * An independent MurmurHash3 x86 32-bit, written from Austin Appleby's reference C over explicit
 * UTF-8 bytes with BigInt arithmetic, so it shares no code (and no 32-bit tricks) with the
 * implementation under test.
 */
const MASK = 0xffffffffn;

function mul32(a: bigint, b: bigint): bigint {
  return (a * b) & MASK;
}

function rotl32(x: bigint, r: bigint): bigint {
  return ((x << r) | (x >> (32n - r))) & MASK;
}

function fmix32(h: bigint): bigint {
  h ^= h >> 16n;
  h = mul32(h, 0x85ebca6bn);
  h ^= h >> 13n;
  h = mul32(h, 0xc2b2ae35n);
  h ^= h >> 16n;
  return h;
}

export function referenceMurmur3(bytes: Uint8Array, seed = 0): number {
  const c1 = 0xcc9e2d51n;
  const c2 = 0x1b873593n;
  let h = BigInt(seed) & MASK;
  const blocks = Math.floor(bytes.length / 4);
  for (let i = 0; i < blocks; i++) {
    const o = i * 4;
    let k = BigInt(bytes[o]!) | (BigInt(bytes[o + 1]!) << 8n) | (BigInt(bytes[o + 2]!) << 16n) | (BigInt(bytes[o + 3]!) << 24n);
    k = mul32(k, c1);
    k = rotl32(k, 15n);
    k = mul32(k, c2);
    h ^= k;
    h = rotl32(h, 13n);
    h = (mul32(h, 5n) + 0xe6546b64n) & MASK;
  }
  const tail = blocks * 4;
  let k = 0n;
  const rest = bytes.length & 3;
  if (rest >= 3) k ^= BigInt(bytes[tail + 2]!) << 16n;
  if (rest >= 2) k ^= BigInt(bytes[tail + 1]!) << 8n;
  if (rest >= 1) {
    k ^= BigInt(bytes[tail]!);
    k = mul32(k, c1);
    k = rotl32(k, 15n);
    k = mul32(k, c2);
    h ^= k;
  }
  h ^= BigInt(bytes.length);
  return Number(fmix32(h));
}

export function referenceBucket(flagKey: string, unitId: string): number {
  return (referenceMurmur3(Buffer.from(`${flagKey}:${unitId}`, 'utf8')) % 100) + 1;
}
