import { createHash, randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FACTS_VERSION } from '../detect/facts.js';
import type { SerializedResult } from './facts-store.js';

let fingerprint: string | undefined;

/**
 * A digest of the detector's own code, so a changed detector (a new build, a local edit) never
 * reuses facts the old one produced, even under the same version number.
 */
function detectorFingerprint(): string {
  if (fingerprint === undefined) {
    const hash = createHash('sha1');
    const directory = join(dirname(fileURLToPath(import.meta.url)), '..', 'detect');
    for (const name of readdirSync(directory).sort()) {
      if (/\.[jt]s$/.test(name)) hash.update(name).update(readFileSync(join(directory, name)));
    }
    fingerprint = hash.digest('hex').slice(0, 12);
  }
  return fingerprint;
}

interface CacheEntry {
  hash: string;
  test: boolean;
  result: SerializedResult;
}

const FILE_NAME = 'facts.ndjson';
const NEWLINE = 0x0a;
const TAB = 0x09;

/**
 * Per-file analysis results keyed by the file's content hash, under a key made of the tool
 * version, the facts format and the detection settings: change any of them and the cache starts
 * afresh. One file, written atomically at the end of a scan: a first line with the key, then one
 * line per file, `["path","hash",test]` and a tab before the result's deflated JSON in base64, so
 * reading the cache parses the short headers only and hands each result on as the bytes it is.
 */
export class FactsCache {
  private readonly used = new Set<string>();
  /** Whether an entry was added or changed since the cache was read. */
  private changed = false;
  hits = 0;

  private constructor(
    private readonly file: string | undefined,
    private readonly key: string,
    private readonly entries: Map<string, CacheEntry>,
  ) {}

  static disabled(): FactsCache {
    return new FactsCache(undefined, '', new Map());
  }

  static open(directory: string, parts: { tool: string; detectionHash: string }): FactsCache {
    const key = `${parts.tool}|facts-${FACTS_VERSION}|${detectorFingerprint()}|${parts.detectionHash}`;
    const file = join(directory, FILE_NAME);
    const entries = new Map<string, CacheEntry>();
    try {
      const bytes = readFileSync(file);
      let start = bytes.indexOf(NEWLINE);
      if ((JSON.parse(bytes.toString('utf8', 0, start)) as { key?: unknown }).key === key) {
        while (start >= 0 && start + 1 < bytes.length) {
          const end = bytes.indexOf(NEWLINE, start + 1);
          const line = bytes.subarray(start + 1, end < 0 ? bytes.length : end);
          const tab = line.indexOf(TAB);
          if (tab > 0) {
            const [path, hash, test] = JSON.parse(line.toString('utf8', 0, tab)) as [string, string, boolean];
            entries.set(path, { hash, test, result: Buffer.from(line.toString('latin1', tab + 1), 'base64') });
          }
          start = end;
        }
      }
    } catch {
      // No cache yet, or an unreadable one: start empty.
      entries.clear();
    }
    return new FactsCache(file, key, entries);
  }

  /** The hash the cache holds for a file, when its entry was made for the same test-ness. */
  hashOf(relativePath: string, test: boolean): string | undefined {
    const entry = this.entries.get(relativePath);
    return entry !== undefined && entry.test === test ? entry.hash : undefined;
  }

  get(relativePath: string, hash: string, test: boolean): SerializedResult | undefined {
    const entry = this.entries.get(relativePath);
    if (entry === undefined || entry.hash !== hash || entry.test !== test) return undefined;
    this.used.add(relativePath);
    this.hits++;
    return entry.result;
  }

  set(relativePath: string, hash: string, test: boolean, result: SerializedResult): void {
    if (this.file === undefined) return;
    this.used.add(relativePath);
    const entry = this.entries.get(relativePath);
    // The same content under the same key gives the same result: nothing to write.
    if (entry !== undefined && entry.hash === hash && entry.test === test) return;
    this.entries.set(relativePath, { hash, test, result });
    this.changed = true;
  }

  /**
   * Writes the entries this scan used (others belong to deleted files), through a temporary file
   * created exclusively under an unpredictable name, so it never leaves a half-written cache nor
   * writes through a link someone planted. When nothing was added or changed and every entry was
   * used, the file on disk is already what it would write.
   */
  save(): void {
    if (this.file === undefined) return;
    if (!this.changed && this.used.size === this.entries.size) return;
    const temporary = `${this.file}.${randomBytes(8).toString('hex')}.tmp`;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const descriptor = openSync(temporary, 'wx');
      try {
        writeSync(descriptor, `${JSON.stringify({ key: this.key })}\n`);
        // In batches: one write per file would be three system calls each.
        let batch: Uint8Array[] = [];
        const flush = () => {
          writeSync(descriptor, Buffer.concat(batch));
          batch = [];
        };
        for (const path of [...this.used].sort()) {
          const entry = this.entries.get(path)!;
          batch.push(Buffer.from(`${JSON.stringify([path, entry.hash, entry.test])}\t${Buffer.from(entry.result).toString('base64')}\n`));
          if (batch.length >= 512) flush();
        }
        flush();
      } finally {
        closeSync(descriptor);
      }
      renameSync(temporary, this.file);
    } catch {
      // A cache that cannot be written only costs speed next time.
      rmSync(temporary, { force: true });
    }
  }
}
