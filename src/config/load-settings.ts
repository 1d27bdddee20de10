import { dirname, resolve } from 'node:path';
import { findConfigFile, readConfigFile } from './config-file.js';
import { resolveSettings, type ResolvedSettings } from './settings.js';

export interface CliSettingsInput {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** `--config FILE`. */
  configPath?: string;
  /** `--manifest FILE`: beats the config's manifest, and may be anywhere; relative to the working directory. */
  manifest?: string;
  /** `--today`. */
  today?: string;
}

/**
 * The CLI's settings: `--config` or the nearest flag-hygiene.config.json upwards from the working
 * directory (paths in it are relative to it), else defaults rooted at the working directory.
 */
export function loadCliSettings(
  input: CliSettingsInput,
): ResolvedSettings & { configFile: string | undefined; configuredManifest: string | undefined } {
  const configFile = input.configPath === undefined ? findConfigFile(input.cwd) : resolve(input.cwd, input.configPath);
  const content = configFile === undefined ? undefined : readConfigFile(configFile);
  const root = configFile === undefined ? input.cwd : dirname(configFile);
  const settings = resolveSettings(content?.data ?? {}, {
    root,
    origin: configFile ?? 'settings',
    env: input.env,
    ...(content === undefined ? {} : { locate: content.locate }),
    ...(input.today === undefined ? {} : { todayOverride: input.today }),
    ...(input.manifest === undefined ? {} : { manifest: resolve(input.cwd, input.manifest) }),
  });
  // The config's own manifest, which its manifestFormat describes (when --manifest names another file, it is not read).
  const manifest = (content?.data as { manifest?: unknown } | undefined)?.manifest;
  const configuredManifest = typeof manifest === 'string' ? resolve(root, manifest) : undefined;
  // Assigned, not spread: a spread would read (and so compile) the lazy accessors.
  return Object.assign(settings, { configFile, configuredManifest });
}
