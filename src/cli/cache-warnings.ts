import { isAbsolute, relative, sep } from 'node:path';
import { terminalSafe } from '../report/text-safe.js';
import type { CacheWarning } from '../scanner/cache-folder.js';
import type { CliIo } from './command.js';

/** One line on stderr per cache file the scan could not use or write, named from the working directory when inside it. */
export function reportCacheWarnings(io: CliIo, warnings: readonly CacheWarning[]): void {
  for (const warning of warnings) {
    const fromCwd = relative(io.cwd, warning.file);
    const shown = fromCwd === '' || fromCwd.startsWith('..') || isAbsolute(fromCwd) ? warning.file : fromCwd.split(sep).join('/');
    io.stderr(`flag-hygiene: warning: ${terminalSafe(shown)}: ${terminalSafe(warning.message)}\n`);
  }
}
