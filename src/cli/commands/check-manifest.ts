import { relative, resolve } from 'node:path';
import { loadCliSettings } from '../../config/load-settings.js';
import { loadManifest } from '../../manifest/index.js';
import { defineCommand, ExitCode, UsageError } from '../command.js';
import { COMMON_OPTIONS } from '../common-options.js';

export const checkManifestCommand = defineCommand({
  name: 'check-manifest',
  summary: 'validate the flag manifest',
  synopsis: '[file]',
  description: [
    'Validates a flag manifest (YAML or JSON): required fields per flag type (owner and createdAt for',
    'every flag, expiresAt for release and experiment flags), types and ranges, real calendar dates,',
    'unknown fields and duplicate keys. Without a file, checks the manifest of flag-hygiene.config.json.',
    'Exits 0 when it is valid and 2 with every problem listed (file:line:column, flag, field) otherwise.',
  ].join('\n'),
  options: { config: COMMON_OPTIONS.config },
  positionals: { min: 0, max: 1 },
  async run({ options, positionals }, io) {
    const [file] = positionals;
    const settings = loadCliSettings({ cwd: io.cwd, env: io.env, ...(options.config === undefined ? {} : { configPath: options.config }) });
    const path = file === undefined ? settings.manifestPath : resolve(io.cwd, file);
    if (path === undefined) {
      throw new UsageError('check-manifest: no manifest given: pass a file, or set "manifest" in flag-hygiene.config.json');
    }
    const manifest = loadManifest(path);
    const count = manifest.flags.size;
    io.stdout(`${relative(io.cwd, path) || path}: ${count} flag${count === 1 ? '' : 's'}, valid\n`);
    return ExitCode.clean;
  },
});
