import type { ResolvedSettings } from '../config/settings.js';
import type { AccessorIndex } from '../patterns/index.js';
import type { SpecifierScope } from '../detect/project-specifiers.js';
import type { FilePool } from './pool.js';
import type { ScanCache } from './scan-cache.js';

/**
 * Where a scan is: `reading`, the first pass over every file; `analysing`, parsing the files that
 * need it (those that name an accessor, then those widening took in); `widening`, asking of each
 * other file whether it imports a wrapper; `resolving`, each analysed file's facts resolved into
 * the inventory; `callers`, the functions of the files that may call into flag regions, read for
 * nestings through calls.
 */
export interface ScanProgress {
  phase: 'reading' | 'analysing' | 'widening' | 'resolving' | 'callers';
  done: number;
  total: number;
}

/** What every phase of one scan works with: the settings, the one cache, and how files are named and told apart. */
export interface ScanContext {
  root: string;
  settings: ResolvedSettings;
  cache: ScanCache;
  isTestFile: (file: string) => boolean;
  /** The compiled accessors, built on first use: a scan that reads no file (all from the cache) compiles no pattern. */
  index: () => AccessorIndex;
  /** Which package names the tsconfig files alias to project code (calls into other packages are never wrapper calls). */
  specifiers: SpecifierScope;
  inProject: (specifier: string) => boolean;
  /** A file's path relative to the root, with `/`: how the inventory and the cache name it. */
  relative: (file: string) => string;
  /** Where files are read and parsed: worker threads, once a round has files enough for them. */
  pool: FilePool;
  onProgress: ((progress: ScanProgress) => void) | undefined;
}
