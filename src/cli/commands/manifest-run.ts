import { basename } from 'node:path';
import { loadManifest, manifestYamlOf } from '../../manifest/index.js';
import { ExitCode, writeOutput, type CliIo } from '../command.js';

/** `manifest import`: the source file as a flag-hygiene YAML manifest. */
export async function importManifest(
  { path, from, output }: { path: string; from: 'openfeature' | 'flagd' | 'unleash'; output: string | undefined },
  io: CliIo,
): Promise<ExitCode> {
  const manifest = loadManifest(path, from);
  const text = manifestYamlOf(manifest.flags.values(), { format: from, file: basename(path) });
  writeOutput(io, output, text);
  return ExitCode.clean;
}
