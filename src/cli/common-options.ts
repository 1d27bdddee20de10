import type { OptionSpec } from './command.js';

/** Options shared by several commands, described once. */
export const COMMON_OPTIONS = {
  config: { type: 'string', valueName: 'file', description: 'The config file (default: flag-hygiene.config.json, searched upwards).' },
  manifest: { type: 'string', valueName: 'file', description: 'The flag manifest (default: the config\'s "manifest").' },
  today: {
    type: 'string',
    valueName: 'YYYY-MM-DD',
    description: 'Evaluate the policy at this date (beats FLAG_HYGIENE_TODAY and "today").',
  },
} as const satisfies Record<string, OptionSpec>;

/**
 * The contracts list it among the options of every command: commands that draw no progress bar accept
 * it too, so a script can pass one set of options to all of them.
 */
export const PROGRESS_OPTIONS = {
  'no-progress': { type: 'boolean', description: 'No progress bar on stderr.' },
} as const satisfies Record<string, OptionSpec>;

/** The scan's cache: per-file facts and verdicts, the file list. */
export const CACHE_OPTIONS = {
  'no-cache': { type: 'boolean', description: 'Do not read or write the scan cache (per-file facts, the file list).' },
  'cache-location': { type: 'string', valueName: 'dir', description: 'Where the cache lives (default: node_modules/.cache/flag-hygiene).' },
} as const satisfies Record<string, OptionSpec>;

export const WORKERS_OPTIONS = {
  workers: {
    type: 'string',
    valueName: 'n',
    description: 'Worker threads (default: one per core, up to 8, for 512 files or more to parse or 5,000 to read; 0: none).',
  },
} as const satisfies Record<string, OptionSpec>;

/** Options of every command that scans the codebase and reports on it (scan, report). */
export const SCAN_OPTIONS = {
  ...CACHE_OPTIONS,
  shard: { type: 'string', valueName: 'i/n', description: 'Scan only shard i of n (for a CI matrix; merge with report --inventory).' },
  ...WORKERS_OPTIONS,
  types: {
    type: 'boolean',
    description:
      "Resolve dynamic keys whose type is a single string literal (a type-checked program from the root's tsconfig.json: slower).",
  },
  ...PROGRESS_OPTIONS,
} as const satisfies Record<string, OptionSpec>;

/** What the shared options above ask of a scan, in the scanner's words: one mapping for every command that scans. */
export function scanOptionsFrom(options: {
  config?: string;
  manifest?: string;
  today?: string;
  'no-cache'?: boolean;
  'cache-location'?: string;
  shard?: string;
  types?: boolean;
}): { cache: boolean; config?: string; manifest?: string; today?: string; cacheLocation?: string; shard?: string; types?: true } {
  return {
    cache: options['no-cache'] !== true,
    ...(options.config === undefined ? {} : { config: options.config }),
    ...(options.manifest === undefined ? {} : { manifest: options.manifest }),
    ...(options.today === undefined ? {} : { today: options.today }),
    ...(options['cache-location'] === undefined ? {} : { cacheLocation: options['cache-location'] }),
    ...(options.shard === undefined ? {} : { shard: options.shard }),
    ...(options.types === true ? { types: true as const } : {}),
  };
}
