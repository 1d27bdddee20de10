import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FACTS_VERSION } from '../detect/facts.js';
import type { AnalysisResult } from './analyze-source.js';

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

interface CacheFile {
  key: string;
  entries: Record<string, { hash: string; test: boolean; result: AnalysisResult }>;
}

/**
 * Per-file analysis results keyed by the file's content hash, under a key made of the tool
 * version, the facts format and the detection settings: change any of them and the cache starts
 * afresh. One JSON file, written atomically at the end of a scan.
 */
export class FactsCache {
  private readonly entries: CacheFile['entries'];
  private readonly used = new Set<string>();
  hits = 0;

  private constructor(
    private readonly file: string | undefined,
    private readonly key: string,
    entries: CacheFile['entries'],
  ) {
    this.entries = entries;
  }

  static disabled(): FactsCache {
    return new FactsCache(undefined, '', {});
  }

  static open(directory: string, parts: { tool: string; detectionHash: string }): FactsCache {
    const key = `${parts.tool}|facts-${FACTS_VERSION}|${detectorFingerprint()}|${parts.detectionHash}`;
    const file = join(directory, 'facts.json');
    let entries: CacheFile['entries'] = {};
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
      if (parsed.key === key && parsed.entries !== null && typeof parsed.entries === 'object') entries = parsed.entries;
    } catch {
      // No cache yet, or an unreadable one: start empty.
    }
    return new FactsCache(file, key, entries);
  }

  /** The hash the cache holds for a file, when its entry was made for the same test-ness. */
  hashOf(relativePath: string, test: boolean): string | undefined {
    const entry = this.entries[relativePath];
    return entry !== undefined && entry.test === test ? entry.hash : undefined;
  }

  get(relativePath: string, hash: string, test: boolean): AnalysisResult | undefined {
    const entry = this.entries[relativePath];
    if (entry === undefined || entry.hash !== hash || entry.test !== test) return undefined;
    this.used.add(relativePath);
    this.hits++;
    return entry.result;
  }

  set(relativePath: string, hash: string, test: boolean, result: AnalysisResult): void {
    this.entries[relativePath] = { hash, test, result };
    this.used.add(relativePath);
  }

  /** Writes the entries this scan used (others belong to deleted files); never leaves a half-written file. */
  save(): void {
    if (this.file === undefined) return;
    const kept: CacheFile['entries'] = {};
    for (const path of this.used) kept[path] = this.entries[path]!;
    const directory = this.file.slice(0, this.file.length - 'facts.json'.length);
    try {
      mkdirSync(directory, { recursive: true });
      const temporary = `${this.file}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify({ key: this.key, entries: kept } satisfies CacheFile));
      renameSync(temporary, this.file);
    } catch {
      // A cache that cannot be written only costs speed next time.
    }
  }
}
