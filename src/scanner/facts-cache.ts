import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { READ_LIMITS, readRegularFile } from '../bounded-read.js';
import { FACTS_VERSION } from '../detect/facts.js';
import type { ScannedImport } from '../detect/import-scan.js';
import type { PrefilterVerdict } from '../detect/module-graph.js';
import { isStampedPaths, isStringList, sameStamp, trustedStamp, writeFileAtomically, type FileStamp } from './file-stamp.js';
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

/** What the first pass of a scan learnt from a file's text, short of its facts. */
export type TextVerdict =
  /** Not scanned (binary, huge, minified …), and why; what its text shows other modules, if it was decoded. */
  | { kind: 'skipped'; reason: string; prefilter?: PrefilterVerdict }
  /** Names no accessor: only its imports matter (one may turn out to be a wrapper). */
  | { kind: 'unmatched'; imports: ScannedImport[] }
  /** Names an accessor: its facts are the entry's result. */
  | { kind: 'matched' };

interface CacheEntry {
  hash: string;
  test: boolean;
  stamp: FileStamp | undefined;
  verdict: TextVerdict | undefined;
  result: SerializedResult | undefined;
}

const FILE_NAME = 'facts.ndjson';
const NEWLINE = 0x0a;
const TAB = 0x09;

/**
 * Which files the widening pass of a scan found to import a wrapper, with what it depended on
 * beyond the scanned files' own texts: the folders and files it read (resolving imports, looking
 * into modules that are not scanned) and their stamps then.
 */
export interface WideningRecord {
  /** A digest of the scanned files' paths (their contents are vouched for by their stamps). */
  files: string;
  reads: [path: string, stamp: FileStamp | null][];
  /** Relative paths. */
  widened: string[];
}

type Header = [path: string, hash: string, test: boolean, stamp: FileStamp | null, verdict: TextVerdict | null];

/**
 * Per-file results keyed by the file's content hash, under a key made of the tool version, the
 * facts format and the detection settings: change any of them and the cache starts afresh. One
 * file, written atomically at the end of a scan: a first line with the key and when the scan
 * began, then one line per file, a JSON header (path, hash, test-ness, stamp, what the text
 * showed) and a tab before the facts' deflated JSON in base64, so reading the cache parses the
 * short headers only and hands each result on as the bytes it is.
 *
 * A file whose stamp (size, modification and change times, inode) is the one recorded is not read
 * at all: the entry says what its text showed. Otherwise its content hash decides.
 */
export class FactsCache {
  private readonly used = new Set<string>();
  /** Whether an entry was added or changed since the cache was read. */
  private changed = false;
  /** Files whose facts or verdict came from the cache. */
  private readonly served = new Set<string>();
  /** When this scan began: the racy-stamp line for the next one. */
  private readonly startedAt = Date.now();
  private widening: WideningRecord | undefined;

  private constructor(
    private readonly file: string | undefined,
    private readonly key: string,
    private readonly entries: Map<string, CacheEntry>,
    private readonly previous: { widening: WideningRecord; startedAt: number } | undefined = undefined,
  ) {}

  static disabled(): FactsCache {
    return new FactsCache(undefined, '', new Map());
  }

  static open(directory: string, parts: { tool: string; detectionHash: string }): FactsCache {
    const key = `${parts.tool}|facts-${FACTS_VERSION}|${detectorFingerprint()}|${parts.detectionHash}`;
    const file = join(directory, FILE_NAME);
    const entries = new Map<string, CacheEntry>();
    let previous: { widening: WideningRecord; startedAt: number } | undefined;
    try {
      const read = readRegularFile(file, READ_LIMITS.cache);
      // No cache yet, or one that is not a regular file within the limit: start empty.
      if ('problem' in read) return new FactsCache(file, key, entries);
      const bytes = read.bytes;
      let start = bytes.indexOf(NEWLINE);
      const head = JSON.parse(bytes.toString('utf8', 0, start)) as { key?: unknown; startedAt?: unknown; widening?: unknown };
      if (head.key === key) {
        const startedAt = head.startedAt;
        if (isWideningRecord(head.widening) && typeof startedAt === 'number') previous = { widening: head.widening, startedAt };
        while (start >= 0 && start + 1 < bytes.length) {
          const end = bytes.indexOf(NEWLINE, start + 1);
          const line = bytes.subarray(start + 1, end < 0 ? bytes.length : end);
          const tab = line.indexOf(TAB);
          if (tab > 0) {
            const header = JSON.parse(line.toString('utf8', 0, tab)) as unknown;
            // An entry in another shape (a damaged or hand-edited file) is dropped, not trusted.
            if (!isHeader(header)) {
              start = end;
              continue;
            }
            const [path, hash, test, stamp, verdict] = header;
            const payload = line.toString('latin1', tab + 1);
            entries.set(path, {
              hash,
              test,
              stamp: trustedStamp(stamp, startedAt) ? stamp : undefined,
              verdict: verdict ?? undefined,
              result: payload === '' ? undefined : Buffer.from(payload, 'base64'),
            });
          }
          start = end;
        }
      }
    } catch {
      // No cache yet, or an unreadable one: start empty.
      entries.clear();
      previous = undefined;
    }
    return new FactsCache(file, key, entries, previous);
  }

  /**
   * The files the last scan widened to, when that answer still holds: the same files are scanned
   * (`files`, a digest of their paths; the caller vouches for their contents), and everything
   * else it read has the stamp it had, which was not racy.
   */
  widenedBefore(files: string, stampNow: (path: string) => FileStamp | undefined): string[] | undefined {
    const record = this.previous?.widening;
    if (record === undefined || record.files !== files) return undefined;
    const startedAt = this.previous!.startedAt;
    for (const [path, stamp] of record.reads) {
      if (stamp !== null && !trustedStamp(stamp, startedAt)) return undefined;
      if (!sameStamp(stampNow(path), stamp)) return undefined;
    }
    this.widening = record;
    return record.widened;
  }

  /** Records what the widening pass found (see widenedBefore). */
  setWidening(record: WideningRecord): void {
    if (this.file === undefined) return;
    this.widening = record;
    if (JSON.stringify(record) !== JSON.stringify(this.previous?.widening)) this.changed = true;
  }

  /** Whether entries are kept (and stamps worth taking). */
  get enabled(): boolean {
    return this.file !== undefined;
  }

  /** How many files' facts or verdicts came from the cache. */
  get hits(): number {
    return this.served.size;
  }

  /**
   * What the text of an unchanged file showed, without reading it: the recorded stamp matches. A
   * matched file's facts then come from `get`; its test-ness is the entry's (the key covers the
   * `tests` globs).
   */
  verdictByStamp(relativePath: string, stamp: FileStamp | undefined): (TextVerdict & { hash: string; test: boolean }) | undefined {
    const entry = this.entries.get(relativePath);
    if (stamp === undefined || entry === undefined || !sameStamp(entry.stamp, stamp) || entry.verdict === undefined) return undefined;
    if (entry.verdict.kind === 'matched' && entry.result === undefined) return undefined;
    this.used.add(relativePath);
    this.served.add(relativePath);
    return { ...entry.verdict, hash: entry.hash, test: entry.test };
  }

  /** The hash the cache holds facts for, when its entry was made for the same test-ness. */
  hashOf(relativePath: string, test: boolean): string | undefined {
    const entry = this.entries.get(relativePath);
    return entry !== undefined && entry.test === test && entry.result !== undefined ? entry.hash : undefined;
  }

  get(relativePath: string, hash: string, test: boolean): SerializedResult | undefined {
    const entry = this.entries.get(relativePath);
    if (entry?.result === undefined || entry.hash !== hash || entry.test !== test) return undefined;
    this.used.add(relativePath);
    this.served.add(relativePath);
    return entry.result;
  }

  /** Records what a file's text showed, under the stamp it had before it was read. */
  setVerdict(relativePath: string, hash: string, test: boolean, stamp: FileStamp | undefined, verdict: TextVerdict): void {
    this.update(relativePath, hash, test, (entry) => {
      const same = sameStamp(entry.stamp, stamp) && JSON.stringify(entry.verdict) === JSON.stringify(verdict);
      entry.stamp = stamp;
      entry.verdict = verdict;
      return !same;
    });
  }

  /** Records a file's facts. */
  set(relativePath: string, hash: string, test: boolean, result: SerializedResult): void {
    this.update(relativePath, hash, test, (entry) => {
      if (entry.result !== undefined) return false;
      entry.result = result;
      return true;
    });
  }

  /**
   * The entry for this content (a new one when the hash or test-ness differ), changed by `change`,
   * which says whether it changed anything.
   */
  private update(relativePath: string, hash: string, test: boolean, change: (entry: CacheEntry) => boolean): void {
    if (this.file === undefined) return;
    this.used.add(relativePath);
    let entry = this.entries.get(relativePath);
    if (entry === undefined || entry.hash !== hash || entry.test !== test) {
      entry = { hash, test, stamp: undefined, verdict: undefined, result: undefined };
      this.entries.set(relativePath, entry);
      this.changed = true;
    }
    if (change(entry)) this.changed = true;
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
    writeFileAtomically(this.file, (put) => {
      put(`${JSON.stringify({ key: this.key, startedAt: this.startedAt, ...(this.widening === undefined ? {} : { widening: this.widening }) })}\n`);
      // In batches: one write per file would be three system calls each.
      let batch: Uint8Array[] = [];
      const flush = () => {
        put(Buffer.concat(batch));
        batch = [];
      };
      for (const path of [...this.used].sort()) {
        const entry = this.entries.get(path)!;
        const header: Header = [path, entry.hash, entry.test, entry.stamp ?? null, entry.verdict ?? null];
        const payload = entry.result === undefined ? '' : Buffer.from(entry.result).toString('base64');
        batch.push(Buffer.from(`${JSON.stringify(header)}\t${payload}\n`));
        if (batch.length >= 512) flush();
      }
      flush();
    });
  }
}

function isScannedImports(value: unknown): value is ScannedImport[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'object' && item !== null && typeof (item as ScannedImport).specifier === 'string' && isStringList((item as ScannedImport).names));
}

function isTextVerdict(value: unknown): value is TextVerdict {
  if (typeof value !== 'object' || value === null) return false;
  const verdict = value as Partial<Record<string, unknown>>;
  if (verdict.kind === 'matched') return true;
  if (verdict.kind === 'unmatched') return isScannedImports(verdict.imports);
  if (verdict.kind !== 'skipped' || typeof verdict.reason !== 'string') return false;
  const prefilter = verdict.prefilter as Partial<PrefilterVerdict> | undefined;
  return prefilter === undefined || (typeof prefilter === 'object' && prefilter !== null && typeof prefilter.namesAccessor === 'boolean' && isScannedImports(prefilter.imports));
}

function isHeader(value: unknown): value is Header {
  if (!Array.isArray(value) || value.length !== 5) return false;
  const [path, hash, test, , verdict] = value as unknown[];
  return typeof path === 'string' && typeof hash === 'string' && typeof test === 'boolean' && (verdict === null || isTextVerdict(verdict));
}

function isWideningRecord(value: unknown): value is WideningRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Partial<Record<keyof WideningRecord, unknown>>;
  return typeof record.files === 'string' && isStampedPaths(record.reads) && isStringList(record.widened);
}
