import { dirname, resolve } from 'node:path';
import { findConfigFile, readConfigFile } from './config-file.js';
import { resolveSettings, type ResolvedSettings } from './settings.js';

export interface CliSettingsInput {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** `--config FILE`. */
  configPath?: string;
  /** `--manifest FILE`: beats the config's manifest; relative to the working directory. */
  manifest?: string;
  /** `--today`. */
  today?: string;
}

/**
 * The CLI's settings: `--config` or the nearest flag-hygiene.config.json upwards from the working
 * directory (paths in it are relative to it), else defaults rooted at the working directory.
 */
export function loadCliSettings(input: CliSettingsInput): ResolvedSettings & { configFile: string | undefined } {
  const configFile = input.configPath === undefined ? findConfigFile(input.cwd) : resolve(input.cwd, input.configPath);
  const content = configFile === undefined ? undefined : readConfigFile(configFile);
  const root = configFile === undefined ? input.cwd : dirname(configFile);
  const settings = resolveSettings(content?.data ?? {}, {
    root,
    origin: configFile ?? 'settings',
    env: input.env,
    ...(content === undefined ? {} : { locate: content.locate }),
    ...(input.today === undefined ? {} : { todayOverride: input.today }),
  });
  const manifestPath = input.manifest === undefined ? settings.manifestPath : resolve(input.cwd, input.manifest);
  // Assigned, not spread: a spread would read (and so compile) the lazy accessors.
  return Object.assign(settings, { manifestPath, configFile });
}
