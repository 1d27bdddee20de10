import { readSpecifierScope, type SpecifierScope } from '../detect/project-specifiers.js';
import { parseCacheJson, type CacheFolder } from './cache-folder.js';
import { isStringList } from '../string-list.js';
import { isStampedPaths, ReadStamps, unchangedSince, type StampedPaths } from './stamp.js';

const FILE_NAME = 'specifiers.json';

/** What readSpecifierScope found, and every file and folder it read or looked for to find it. */
interface SpecifierRecord {
  /** The cache's version and the tsconfig files: other ones may map other specifiers. */
  key: string;
  startedAt: number;
  reads: StampedPaths;
  scope: SpecifierScope;
}

/**
 * The record kept under `key`: undefined when there is none, or one written under another key (an
 * older release's may have another shape; it is replaced, not distrusted).
 */
function readRecord(bytes: Buffer | undefined, key: string): { record: SpecifierRecord } | { problem: string } | undefined {
  if (bytes === undefined) return undefined;
  const parsed = parseCacheJson(bytes);
  if ('problem' in parsed) return parsed;
  const { value } = parsed;
  const record = (typeof value === 'object' && value !== null ? value : {}) as Partial<Record<keyof SpecifierRecord, unknown>>;
  if (typeof record.key === 'string' && record.key !== key) return undefined;
  const scope = (typeof record.scope === 'object' && record.scope !== null ? record.scope : {}) as Partial<
    Record<keyof SpecifierScope, unknown>
  >;
  const valid =
    typeof record.key === 'string' &&
    typeof record.startedAt === 'number' &&
    isStampedPaths(record.reads) &&
    isStringList(scope.patterns) &&
    isStringList(scope.baseUrlNames) &&
    isStringList(scope.workspaces);
  return valid ? { record: record as SpecifierRecord } : { problem: 'it is not a record of tsconfig aliases and workspace packages' };
}

/**
 * readSpecifierScope, remembered in the cache folder. Reading tsconfig files takes TypeScript (9 MB
 * to load), which a scan whose files all come from the cache needs for nothing else: when the same
 * tsconfig files are listed and nothing read or looked for to read them (`extends` chains, the
 * workspace's package.json files and the folders its globs list) has changed, the scope is taken
 * as it was.
 */
export function rememberedSpecifierScope(root: string, tsconfigs: readonly string[], cache: CacheFolder, version: string): SpecifierScope {
  const key = JSON.stringify({ version, root, tsconfigs });
  const read = readRecord(cache.read(FILE_NAME), key);
  if (read !== undefined && 'problem' in read) cache.distrust(FILE_NAME, read.problem);
  const previous = read !== undefined && 'record' in read ? read.record : undefined;
  if (previous !== undefined && previous.reads.length > 0 && unchangedSince(previous.reads, previous.startedAt)) {
    return { patterns: previous.scope.patterns, baseUrlNames: previous.scope.baseUrlNames, workspaces: previous.scope.workspaces };
  }
  const reads = new ReadStamps();
  for (const file of tsconfigs) reads.add(file);
  const scope = readSpecifierScope(root, tsconfigs, (path) => reads.add(path));
  const record: SpecifierRecord = { key, startedAt: reads.startedAt, reads: reads.list(), scope };
  cache.write(FILE_NAME, (put) => put(JSON.stringify(record)));
  return scope;
}
