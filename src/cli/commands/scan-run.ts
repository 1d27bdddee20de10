import { jsonText, terminalSafe } from '../../report/text-safe.js';
import type { Inventory } from '../../scanner/inventory.js';
import { ExitCode, writeOutput, type CliIo, type CommandInput } from '../command.js';
import { scanWithProgress } from '../scan-with-progress.js';
import type { SCAN_COMMAND_OPTIONS } from './scan.js';

function formatText(inventory: Inventory): string {
  const lines = inventory.references.map(
    (reference) =>
      `${reference.file}:${reference.line}:${reference.column}  ${reference.dynamic ? `(dynamic) ${reference.key}` : reference.key}  ${reference.role === 'override' ? `override ${reference.state ?? 'unknown'}` : 'evaluate'}${reference.test ? ' (test)' : ''}  via ${reference.via}`,
  );
  for (const entry of inventory.skipped) lines.push(`not scanned: ${entry.file}${entry.folder ? '/' : ''} ${entry.reason}`);
  for (const warning of inventory.warnings) {
    lines.push(`warning: ${warning.file}${warning.line === undefined ? '' : `:${warning.line}:${warning.column ?? 1}`} ${warning.message}`);
  }
  const keys = new Set(inventory.references.filter((reference) => !reference.dynamic).map((reference) => reference.key));
  lines.push(
    `${inventory.references.length} reference${inventory.references.length === 1 ? '' : 's'} to ${keys.size} flag${keys.size === 1 ? '' : 's'} in ${inventory.stats.analysed} of ${inventory.stats.files} files`,
  );
  // Keys, file names, `via` and warnings come from the repository: no control character reaches the terminal.
  return lines.map(terminalSafe).join('\n') + '\n';
}

export async function runScan(
  { options, positionals }: CommandInput<typeof SCAN_COMMAND_OPTIONS>,
  { format, workers }: { format: 'text' | 'json'; workers: number | undefined },
  io: CliIo,
): Promise<ExitCode> {
  const result = await scanWithProgress(io, options, positionals, workers);
  const text = format === 'json' ? jsonText(result.inventory) : formatText(result.inventory);
  writeOutput(io, options.output, text);
  return ExitCode.clean;
}
