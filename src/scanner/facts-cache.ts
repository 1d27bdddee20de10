import { createHash } from 'node:crypto';
import type { ScannedImport } from '../detect/import-scan.js';
import type { PrefilterVerdict } from '../detect/module-texts.js';
import { staysInside } from '../posix-path.js';
import { isStringList } from '../string-list.js';
import type { CacheFolder } from './cache-folder.js';
import { isStamp, isStampedPaths, sameStamp, stampOf, trustedStamp, unchangedSince, type FileStamp, type StampedPaths } from './stamp.js';
import type { SerializedResult } from './facts-store.js';

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
  stamp: FileStamp | null;
  verdict: TextVerdict | undefined;
  result: SerializedResult | undefined;
}

const FILE_NAME = 'facts.ndjson';
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Which files the widening pass of a scan found to import a wrapper, with what it depended on
 * beyond the scanned files' own texts: the folders and files it read (resolving imports, looking
 * into modules that are not scanned) and their stamps then.
 */
export interface WideningRecord {
  /** A digest of the scanned files' paths (their contents are vouched for by their stamps). */
  files: string;
  reads: StampedPaths;
  /** Relative paths. */
  widened: string[];
  /** The module graph's answers to "may it export a wrapper?" (ModuleGraph.wrapperVerdicts), relative paths. */
  wrapperVerdicts: { capable: string[]; incapable: string[] };
  /**
   * Whether modules the scan's call follower asked about lead to a flag decision (DecisionReach):
   * relative paths, by answer. They hold while the rest of the record does, as everything they were
   * found from (the scanned files' imports, how they resolve) is what the record vouches for.
   */
  decisionReach?: { yes: string[]; no: string[] };
}

/** A line's JSON header; `digest` is the payload's (see payloadDigest). */
type Header = [path: string, hash: string, test: boolean, stamp: FileStamp | null, verdict: TextVerdict | null, digest: string];

/** The digest of no payload: most entries have none (files that name no accessor), and a warm scan reads them all. */
const NO_PAYLOAD_DIGEST = createHash('sha1').update('').digest('base64url');

/** Catches a payload cut short or altered (the deflated facts would not inflate, or would be other facts). */
function payloadDigest(payload: string): string {
  return payload === '' ? NO_PAYLOAD_DIGEST : createHash('sha1').update(payload).digest('base64url');
}

interface CacheContents {
  entries: Map<string, CacheEntry>;
  previous: { widening: WideningRecord; startedAt: number } | undefined;
}

/**
 * The entries of a cache file written under `key`: undefined when it was written under another key
 * (another version or other settings: the cache starts afresh); a problem when it is not a file
 * this cache could have written (cut short, damaged, hand-edited): then none of it is trusted.
 */
function readContents(bytes: Buffer, key: string): CacheContents | { problem: string } | undefined {
  // Decoded once and cut as a string: a slice and a decode per line cost more than the parse.
  const text = bytes.toString('utf8');
  let start = text.indexOf('\n');
  if (start < 0) return { problem: 'line 1 is cut short' };
  let head: unknown;
  try {
    head = JSON.parse(text.slice(0, start));
  } catch {
    return { problem: 'line 1 is not valid JSON' };
  }
  if (typeof head !== 'object' || head === null || typeof (head as { key?: unknown }).key !== 'string')
    return { problem: 'line 1 is not a cache header' };
  const { key: headKey, startedAt, widening } = head as { key: string; startedAt?: unknown; widening?: unknown };
  if (headKey !== key) return undefined;
  if (typeof startedAt !== 'number') return { problem: 'line 1 is not a cache header' };
  if (widening !== undefined && !isWideningRecord(widening)) return { problem: 'line 1 holds a damaged record of the widening pass' };
  const entries = new Map<string, CacheEntry>();
  for (let line = 2; start + 1 < text.length; line++) {
    const end = text.indexOf('\n', start + 1);
    if (end < 0) return { problem: `line ${line} is cut short` };
    const tab = text.indexOf('\t', start + 1);
    let header: unknown;
    try {
      header = tab < 0 || tab > end ? undefined : JSON.parse(text.slice(start + 1, tab));
    } catch {
      header = undefined;
    }
    if (!isHeader(header) || entries.has(header[0])) return { problem: `line ${line} is not an entry` };
    const [path, hash, test, stamp, verdict, digest] = header;
    const payload = text.slice(tab + 1, end);
    start = end;
    if (!BASE64.test(payload) || payloadDigest(payload) !== digest) return { problem: `line ${line} is damaged` };
    entries.set(path, {
      hash,
      test,
      stamp: trustedStamp(stamp, startedAt) ? stamp : null,
      verdict: verdict ?? undefined,
      result: payload === '' ? undefined : Buffer.from(payload, 'base64'),
    });
  }
  return { entries, previous: widening === undefined ? undefined : { widening, startedAt } };
}

/**
 * Per-file results keyed by the file's content hash, under a key made of the cache's version (see
 * scan-cache.ts) and the detection settings: change either and the cache starts afresh. One
 * file, written atomically at the end of a scan: a first line with the key and when the scan
 * began, then one line per file, a JSON header (path, hash, test-ness, stamp, what the text
 * showed, a digest of the payload) and a tab before the facts' deflated JSON in base64, so reading
 * the cache parses the short headers only and hands each result on as the bytes it is. A file
 * cut short, damaged or in another shape is not used at all (readContents), and is rewritten.
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
    private readonly folder: CacheFolder | undefined,
    private readonly key: string,
    private readonly entries: Map<string, CacheEntry>,
    private readonly previous: { widening: WideningRecord; startedAt: number } | undefined = undefined,
  ) {}

  static disabled(): FactsCache {
    return new FactsCache(undefined, '', new Map());
  }

  static open(folder: CacheFolder, key: string): FactsCache {
    const bytes = folder.read(FILE_NAME);
    const contents = bytes === undefined ? undefined : readContents(bytes, key);
    if (contents !== undefined && 'problem' in contents) {
      folder.distrust(FILE_NAME, contents.problem);
      const cache = new FactsCache(folder, key, new Map());
      // Written afresh even when this scan adds nothing, so the next one need not warn again.
      cache.changed = true;
      return cache;
    }
    return new FactsCache(folder, key, contents?.entries ?? new Map(), contents?.previous);
  }

  /** Whether the cache file held entries under this key. */
  get holdsEntries(): boolean {
    return this.entries.size > 0;
  }

  /**
   * The files the last scan widened to, when that answer still holds: the same files are scanned
   * (`files`, a digest of their paths; the caller vouches for their contents), and everything
   * else it read has the stamp it had, which was not racy.
   */
  widenedBefore(files: string, absolute: (path: string) => string): WideningRecord | undefined {
    const record = this.previous?.widening;
    if (record === undefined || record.files !== files) return undefined;
    if (!unchangedSince(record.reads, this.previous!.startedAt, absolute)) return undefined;
    this.widening = record;
    return record;
  }

  /** Records what the widening pass found (see widenedBefore). */
  setWidening(record: WideningRecord): void {
    if (this.folder === undefined) return;
    this.widening = record;
  }

  /**
   * Adds the call follower's answers (which modules lead to a flag decision) to this scan's widening
   * record, and what was read to find them (relative and absolute paths). Only a read the record
   * does not vouch for yet is stamped now; one already there keeps its stamp.
   */
  addDecisionReach(
    yes: readonly string[],
    no: readonly string[],
    reads: readonly (readonly [relative: string, absolute: string])[] = [],
  ): void {
    const record = this.widening;
    if (this.folder === undefined || record === undefined) return;
    const merged = (known: readonly string[] = [], more: readonly string[]) => [...new Set([...known, ...more])].sort();
    const decisionReach = { yes: merged(record.decisionReach?.yes, yes), no: merged(record.decisionReach?.no, no) };
    const vouched = new Set(record.reads.map(([path]) => path));
    const newReads: StampedPaths = reads.filter(([path]) => !vouched.has(path)).map(([path, absolute]) => [path, stampOf(absolute)]);
    const allReads = [...record.reads, ...newReads].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    this.setWidening({ ...record, reads: allReads, decisionReach });
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
  verdictByStamp(relativePath: string, stamp: FileStamp | null): (TextVerdict & { hash: string; test: boolean }) | undefined {
    const entry = this.entries.get(relativePath);
    if (stamp === null || entry === undefined || !sameStamp(entry.stamp, stamp) || entry.verdict === undefined) return undefined;
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
  setVerdict(relativePath: string, hash: string, test: boolean, stamp: FileStamp | null, verdict: TextVerdict): void {
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
    if (this.folder === undefined) return;
    this.used.add(relativePath);
    let entry = this.entries.get(relativePath);
    if (entry === undefined || entry.hash !== hash || entry.test !== test) {
      entry = { hash, test, stamp: null, verdict: undefined, result: undefined };
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
    if (this.folder === undefined) return;
    // The widening record is compared once complete: the call follower adds to it after the widening pass.
    const wideningChanged = this.widening !== undefined && JSON.stringify(this.widening) !== JSON.stringify(this.previous?.widening);
    if (!this.changed && !wideningChanged && this.used.size === this.entries.size) return;
    this.folder.write(FILE_NAME, (put) => {
      put(
        `${JSON.stringify({ key: this.key, startedAt: this.startedAt, ...(this.widening === undefined ? {} : { widening: this.widening }) })}\n`,
      );
      // In batches: one write per file would be three system calls each.
      let batch: Uint8Array[] = [];
      const flush = () => {
        put(Buffer.concat(batch));
        batch = [];
      };
      for (const path of [...this.used].sort()) {
        const entry = this.entries.get(path)!;
        const payload = entry.result === undefined ? '' : Buffer.from(entry.result).toString('base64');
        const header: Header = [path, entry.hash, entry.test, entry.stamp, entry.verdict ?? null, payloadDigest(payload)];
        batch.push(Buffer.from(`${JSON.stringify(header)}\t${payload}\n`));
        if (batch.length >= 512) flush();
      }
      flush();
    });
  }
}

function isScannedImports(value: unknown): value is ScannedImport[] {
  return (
    Array.isArray(value) &&
    value.every(
      (item) =>
        typeof item === 'object' &&
        item !== null &&
        typeof (item as ScannedImport).specifier === 'string' &&
        isStringList((item as ScannedImport).names),
    )
  );
}

function isTextVerdict(value: unknown): value is TextVerdict {
  if (typeof value !== 'object' || value === null) return false;
  const verdict = value as Partial<Record<string, unknown>>;
  if (verdict.kind === 'matched') return true;
  if (verdict.kind === 'unmatched') return isScannedImports(verdict.imports);
  if (verdict.kind !== 'skipped' || typeof verdict.reason !== 'string') return false;
  const prefilter = verdict.prefilter as Partial<PrefilterVerdict> | undefined;
  return (
    prefilter === undefined ||
    (typeof prefilter === 'object' &&
      prefilter !== null &&
      typeof prefilter.namesAccessor === 'boolean' &&
      isScannedImports(prefilter.imports))
  );
}

function isHeader(value: unknown): value is Header {
  if (!Array.isArray(value) || value.length !== 6) return false;
  const [path, hash, test, stamp, verdict, digest] = value as unknown[];
  return (
    typeof path === 'string' &&
    path !== '' &&
    staysInside(path) &&
    typeof hash === 'string' &&
    typeof test === 'boolean' &&
    (stamp === null || isStamp(stamp)) &&
    (verdict === null || isTextVerdict(verdict)) &&
    typeof digest === 'string'
  );
}

function isWideningRecord(value: unknown): value is WideningRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Partial<Record<keyof WideningRecord, unknown>>;
  return (
    typeof record.files === 'string' &&
    isStampedPaths(record.reads) &&
    isStringList(record.widened) &&
    record.widened.every(staysInside) &&
    isAnswerLists(record.wrapperVerdicts, ['capable', 'incapable']) &&
    (record.decisionReach === undefined || isAnswerLists(record.decisionReach, ['yes', 'no']))
  );
}

/**
 * An object of two lists of paths, by answer (the module graph's wrapper verdicts, the call
 * follower's decision reach): paths as the module resolver found them (real paths, which may lie
 * outside a symlinked root).
 */
function isAnswerLists<K extends string>(value: unknown, keys: readonly [K, K]): value is Record<K, string[]> {
  if (typeof value !== 'object' || value === null) return false;
  return keys.every((key) => isStringList((value as Partial<Record<K, unknown>>)[key]));
}
