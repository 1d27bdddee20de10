import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { AnalysisResult } from './analyze-source.js';

/** An AnalysisResult as JSON, deflated. */
export type SerializedResult = Uint8Array;

const decoder = new TextDecoder();

/** Facts JSON repeats its field names and shapes: deflate at the fastest level shrinks it about tenfold. */
export function serializeResult(result: AnalysisResult): SerializedResult {
  // A copy of exactly its bytes: zlib's buffer may be a view of a larger one, which a worker's
  // message would carry across whole.
  return new Uint8Array(deflateRawSync(JSON.stringify(result), { level: 1 }));
}

export function deserializeResult(serialized: SerializedResult): AnalysisResult {
  return JSON.parse(decoder.decode(inflateRawSync(serialized))) as AnalysisResult;
}

/**
 * A file's facts as a scan holds them: deflated (a worker's, which crossed threads so; the cache's),
 * or the objects themselves (analysed in this thread, never deflated unless something keeps them).
 */
export type HeldResult = SerializedResult | AnalysisResult;

export function serializedOf(result: HeldResult): SerializedResult {
  return result instanceof Uint8Array ? result : serializeResult(result);
}

/**
 * Up to this many bytes of deflated facts in all, every file's facts stay parsed once parsed. The
 * generated 10,000-file corpus has 3.96 MB of them (2,199 files with facts), whose objects take
 * 33 MB of heap. The reduce phase and the search for callers each go over every analysed file and
 * follow calls into others: keeping only the latest 512 parsed, reducing those 10,000 files parsed
 * each file's facts nearly three times over and took 1.0-1.45 s instead of 0.6-0.9 s. Beyond it,
 * the latest 512 only: at 50,000 files, keeping all would add some 160 MB to the scan's peak.
 */
const KEEP_ALL_BELOW = 5 * 1024 * 1024;

/** How many parsed results are kept when not all are (the modules everything imports stay among them). */
const KEPT_LATEST = 512;

/**
 * How many results analysed in this thread are held as the objects they are. A codebase scanned
 * without worker threads (the common case) then never inflates its facts to reduce them, nor
 * deflates them at all without a cache to keep them in (about 0.6 ms a file: 25 ms for
 * unleash-server's 48 analysed files); a large one scanned with `--workers 0` deflates the rest,
 * so its heap stays as flat as with workers.
 */
const KEPT_UNSERIALIZED = 512;

/**
 * The scan's per-file results: the deflated JSON the workers (or the cache) produced, parsed on
 * demand, and up to KEPT_UNSERIALIZED results of this thread's own as objects. As bytes outside the
 * JavaScript heap, facts take a small fraction of the memory of the objects, which at tens of
 * thousands of files is the difference between a flat and a ballooning heap. What was parsed
 * stays parsed: all of it for a codebase of up to some 10,000 files (KEEP_ALL_BELOW), else the
 * files asked for most recently.
 */
export class FactsStore {
  private readonly held = new Map<string, HeldResult | null>();
  private readonly parsed = new Map<string, AnalysisResult>();
  private serializedSize = 0;
  private unserialized = 0;

  constructor(private readonly keepAllBelow = KEEP_ALL_BELOW) {}

  has(file: string): boolean {
    return this.held.has(file);
  }

  /** `null`: the file cannot be analysed (skipped). Returns what it holds (the result, deflated when too many are held as objects). */
  set(file: string, result: HeldResult | null): HeldResult | null {
    const previous = this.held.get(file);
    if (previous instanceof Uint8Array) this.serializedSize -= previous.byteLength;
    else if (previous !== undefined && previous !== null) this.unserialized--;
    this.parsed.delete(file);
    let held = result;
    if (held !== null && !(held instanceof Uint8Array)) {
      this.parsed.set(file, held);
      if (this.unserialized < KEPT_UNSERIALIZED) this.unserialized++;
      else held = serializeResult(held);
    }
    if (held instanceof Uint8Array) this.serializedSize += held.byteLength;
    this.held.set(file, held);
    if (this.serializedSize > this.keepAllBelow) this.evict();
    return held;
  }

  /** undefined: nothing stored for the file; null: it cannot be analysed. */
  get(file: string): AnalysisResult | null | undefined {
    const recent = this.parsed.get(file);
    if (recent !== undefined) {
      // Most recently used goes last.
      this.parsed.delete(file);
      this.parsed.set(file, recent);
      return recent;
    }
    const held = this.held.get(file);
    if (held === undefined || held === null) return held;
    const result = held instanceof Uint8Array ? deserializeResult(held) : held;
    this.parsed.set(file, result);
    if (this.serializedSize > this.keepAllBelow) this.evict();
    return result;
  }

  /** Past the budget, only the latest parsed stay parsed (a result held as an object stays held). */
  private evict(): void {
    for (const oldest of this.parsed.keys()) {
      if (this.parsed.size <= KEPT_LATEST) break;
      this.parsed.delete(oldest);
    }
  }
}
