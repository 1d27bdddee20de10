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
 * The scan's per-file results, kept as the deflated JSON the workers (or the cache) produced and
 * parsed on demand: as bytes outside the JavaScript heap they take a small fraction of the memory
 * of the objects, which at tens of thousands of files is the difference between a flat and a
 * ballooning heap. The files
 * asked for most (the modules everything imports) stay parsed in a small recently-used set.
 */
export class FactsStore {
  private readonly serialized = new Map<string, SerializedResult | null>();
  private readonly parsed = new Map<string, AnalysisResult>();

  constructor(private readonly keepParsed = 512) {}

  has(file: string): boolean {
    return this.serialized.has(file);
  }

  /** `null`: the file cannot be analysed (skipped). */
  set(file: string, serialized: SerializedResult | null): void {
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
    if (this.parsed.size > this.keepParsed) this.parsed.delete(this.parsed.keys().next().value!);
    return result;
  }
}
