import { relative, resolve } from 'node:path';
import { FORMAT_TITLES, type ManifestFormatName } from '../../manifest/formats/detect.js';
import { LIFECYCLE_FIELD_USES, type LifecycleField } from '../../manifest/formats/missing.js';
import type { Manifest } from '../../manifest/types.js';
import { terminalSafe } from '../../report/text-safe.js';
import { defineCommand, ExitCode, UsageError } from '../command.js';
import { COMMON_OPTIONS, PROGRESS_OPTIONS } from '../common-options.js';

/**
 * One line for a valid manifest; for another format, also the lifecycle fields each flag lacks,
 * what the source says that our format has no field for, and which reasons and rules need what.
 */
function describeManifest(name: string, manifest: Manifest): string {
  const count = manifest.flags.size;
  const flags = `${count} flag${count === 1 ? '' : 's'}`;
  if (manifest.format === 'flag-hygiene') return `${terminalSafe(name)}: ${flags}, valid\n`;
  const lines = [`${name}: ${flags} (${FORMAT_TITLES[manifest.format as ManifestFormatName] ?? manifest.format}), valid`];
  const lacking = new Set<LifecycleField>();
  const details: string[] = [];
  for (const flag of manifest.flags.values()) {
    const missing = (flag.missing ?? []) as LifecycleField[];
    for (const field of missing) lacking.add(field);
    const parts = [...(missing.length > 0 ? [`lacks ${missing.join(', ')}`] : []), ...(flag.notes ?? [])];
    if (parts.length > 0) details.push(`  ${flag.key}: ${parts.join('; ')}`);
  }
  if (details.length > 0) lines.push('Per flag, what this format does not carry (never invented):', ...details);
  if (lacking.size > 0) {
    lines.push('What needs each missing field (not concluded without it):');
    const fields = (Object.keys(LIFECYCLE_FIELD_USES) as LifecycleField[]).filter((field) => lacking.has(field));
    const width = Math.max(...fields.map((field) => field.length)) + 2;
    for (const field of fields) lines.push(`  ${`${field}:`.padEnd(width)}${LIFECYCLE_FIELD_USES[field]}`);
  }
  // Keys and notes come from the manifest: no control character reaches the terminal.
  return `${lines.map(terminalSafe).join('\n')}\n`;
}

export const checkManifestCommand = defineCommand({
  name: 'check-manifest',
  summary: 'validate the flag manifest',
  synopsis: '[file]',
  description: [
    'Validates a flag manifest (YAML or JSON): required fields per flag type (owner and createdAt for',
    'every flag, expiresAt for release and experiment flags), types and ranges, real calendar dates,',
    'unknown fields and duplicate keys. Without a file, checks the manifest of flag-hygiene.config.json.',
    'Exits 0 when it is valid and 2 with every problem listed (file:line:column, flag, field) otherwise.',
    'An OpenFeature CLI manifest, flagd flag definitions or an Unleash export is read too; it is valid when',
    'the file is, and the lifecycle fields each flag lacks are listed with what needs them.',
  ].join('\n'),
  options: {
    config: COMMON_OPTIONS.config,
    manifest: {
      ...COMMON_OPTIONS.manifest,
      description: 'The manifest to check, as the [file] argument (default: the config\'s "manifest").',
    },
    ...PROGRESS_OPTIONS,
  },
  positionals: { min: 0, max: 1 },
  async run({ options, positionals }, io) {
    const [positional] = positionals;
    if (positional !== undefined && options.manifest !== undefined && resolve(io.cwd, positional) !== resolve(io.cwd, options.manifest)) {
      throw new UsageError(
        `check-manifest: two manifests given ('${positional}' and --manifest '${options.manifest}'); check one at a time`,
      );
    }
    const file = positional ?? options.manifest;
    // Imported here, not at the top: --help and usage errors load none of this (issue 19).
    const [{ loadCliSettings }, { loadManifest }] = await Promise.all([
      import('../../config/load-settings.js'),
      import('../../manifest/load.js'),
    ]);
    // A file given here is the user's choice: the config's manifest is then neither used nor checked.
    const settings = loadCliSettings({
      cwd: io.cwd,
      env: io.env,
      ...(options.config === undefined ? {} : { configPath: options.config }),
      ...(file === undefined ? {} : { manifest: file }),
    });
    const path = settings.manifestPath;
    if (path === undefined) {
      throw new UsageError('check-manifest: no manifest given: pass a file, or set "manifest" in flag-hygiene.config.json');
    }
    // The configured format belongs to the configured manifest; another file is detected.
    const manifest = loadManifest(path, path === settings.configuredManifest ? settings.manifestFormat : 'auto');
    io.stdout(describeManifest(relative(io.cwd, path) || path, manifest));
    return ExitCode.clean;
  },
});
