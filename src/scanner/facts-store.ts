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
 * The scan's per-file results, kept as the deflated JSON the workers (or the cache) produced and
 * parsed on demand: as bytes outside the JavaScript heap they take a small fraction of the memory
 * of the objects, which at tens of thousands of files is the difference between a flat and a
 * ballooning heap. What was parsed stays parsed: all of it for a codebase of up to some 10,000
 * files (KEEP_ALL_BELOW), else the files asked for most recently.
 */
export class FactsStore {
  private readonly serialized = new Map<string, SerializedResult | null>();
  private readonly parsed = new Map<string, AnalysisResult>();
  private serializedSize = 0;

  constructor(private readonly keepAllBelow = KEEP_ALL_BELOW) {}

  has(file: string): boolean {
    return this.serialized.has(file);
  }

  /** `null`: the file cannot be analysed (skipped). */
  set(file: string, serialized: SerializedResult | null): void {
    this.serializedSize += (serialized?.byteLength ?? 0) - (this.serialized.get(file)?.byteLength ?? 0);
    this.serialized.set(file, serialized);
    this.parsed.delete(file);
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
    const serialized = this.serialized.get(file);
    if (serialized === undefined || serialized === null) return serialized;
    const result = deserializeResult(serialized);
    this.parsed.set(file, result);
    if (this.serializedSize > this.keepAllBelow)
      for (const oldest of this.parsed.keys()) {
        if (this.parsed.size <= KEPT_LATEST) break;
        this.parsed.delete(oldest);
      }
    return result;
  }
}
