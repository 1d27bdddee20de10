import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { READ_LIMITS, readRegularFile } from '../bounded-read.js';
import { repositoryRootOf, resolvesInside } from '../config/repository.js';
import type { FlagHygieneSettings } from '../config/schema.js';
import { currentUtcDate, isIsoDate } from '../dates.js';

/**
 * A flat-config entry holding the plugin's settings plus a `cacheKey` made of the manifest's
 * content hash and today's date. ESLint's `--cache` keys results by the config, settings included,
 * so an edited manifest or a new day (an expiry passing) invalidates the cached results.
 */
export function withCacheKey(
  settings: FlagHygieneSettings,
  options: { cwd?: string; env?: Readonly<Record<string, string | undefined>> } = {},
): { name: string; settings: { 'flag-hygiene': FlagHygieneSettings & { cacheKey: string } } } {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  let manifestHash = 'none';
  if (settings.manifest !== undefined) {
    const path = resolve(cwd, settings.manifest);
    // Outside the repository the settings may not name a manifest (the rules say so): not read.
    const read = resolvesInside(repositoryRootOf(cwd), path) ? readRegularFile(path, READ_LIMITS.manifest) : undefined;
    manifestHash =
      read === undefined
        ? 'outside'
        : 'problem' in read
          ? 'unreadable'
          : createHash('sha256').update(read.bytes).digest('hex').slice(0, 16);
  }
  const envToday = env.FLAG_HYGIENE_TODAY;
  const today = envToday !== undefined && isIsoDate(envToday) ? envToday : (settings.today ?? currentUtcDate());
  return {
    name: 'flag-hygiene/settings',
    settings: { 'flag-hygiene': { ...settings, cacheKey: `${manifestHash}:${today}` } },
  };
}
