import { readSpecifierScope, type SpecifierScope } from '../detect/project-specifiers.js';
import { parseCacheJson, type CacheFolder } from './cache-folder.js';
import { isStampedPaths, isStringList, sameStamp, statStamp, trustedStamp, type FileStamp } from './file-stamp.js';

const FILE_NAME = 'specifiers.json';

/** What readSpecifierScope found, and every file and folder it read or looked for to find it. */
interface SpecifierRecord {
  /** The tool and the tsconfig files: other ones may map other specifiers. */
  key: string;
  startedAt: number;
  reads: [path: string, stamp: FileStamp | null][];
  scope: SpecifierScope;
}

function readRecord(bytes: Buffer | undefined): { record: SpecifierRecord } | { problem: string } | undefined {
  if (bytes === undefined) return undefined;
  const parsed = parseCacheJson(bytes);
  if ('problem' in parsed) return parsed;
  const { value } = parsed;
  const record = (typeof value === 'object' && value !== null ? value : {}) as Partial<Record<keyof SpecifierRecord, unknown>>;
  const scope = (typeof record.scope === 'object' && record.scope !== null ? record.scope : {}) as Partial<Record<keyof SpecifierScope, unknown>>;
  const valid =
    typeof record.key === 'string' && typeof record.startedAt === 'number' && isStampedPaths(record.reads) && isStringList(scope.patterns) && typeof scope.anyBaseUrl === 'boolean';
  return valid ? { record: record as SpecifierRecord } : { problem: 'it is not a record of tsconfig aliases' };
}

/**
 * readSpecifierScope, remembered in the cache folder. Reading tsconfig files takes TypeScript (9 MB
 * to load), which a scan whose files all come from the cache needs for nothing else: when the same
 * tsconfig files are listed and nothing TypeScript read or looked for to read them (`extends`
 * chains included) has changed, the aliases are taken as they were.
 */
export function rememberedSpecifierScope(tsconfigs: readonly string[], cache: CacheFolder, tool: string): SpecifierScope {
  if (tsconfigs.length === 0) return readSpecifierScope(tsconfigs);
  const key = JSON.stringify({ tool, tsconfigs });
  const read = readRecord(cache.read(FILE_NAME));
  if (read !== undefined && 'problem' in read) cache.distrust(FILE_NAME, read.problem);
  const previous = read !== undefined && 'record' in read ? read.record : undefined;
  if (
    previous?.key === key &&
    previous.reads.length > 0 &&
    previous.reads.every(([path, stamp]) => (stamp === null || trustedStamp(stamp, previous.startedAt)) && sameStamp(statStamp(path), stamp))
  ) {
    return { patterns: previous.scope.patterns, anyBaseUrl: previous.scope.anyBaseUrl };
  }
  const startedAt = Date.now();
  const reads = new Map<string, FileStamp | null>();
  for (const file of tsconfigs) reads.set(file, statStamp(file) ?? null);
  const scope = readSpecifierScope(tsconfigs, (path) => {
    if (!reads.has(path)) reads.set(path, statStamp(path) ?? null);
  });
  const record: SpecifierRecord = { key, startedAt, reads: [...reads], scope };
  cache.write(FILE_NAME, (put) => put(JSON.stringify(record)));
  return scope;
}
