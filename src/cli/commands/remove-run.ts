import {
  applyRemovalPlan,
  planDiff,
  planFlagRemoval,
  RemovalInterrupted,
  type ApplyOptions,
  type ApplyResult,
  type RemovalPlan,
} from '../../codemod/index.js';
import { terminalSafe, terminalSafeLines } from '../../report/text-safe.js';
import { ExitCode, type CliIo, type CommandInput } from '../command.js';
import { reportCacheWarnings } from '../cache-warnings.js';
import type { REMOVE_OPTIONS } from './remove.js';

export async function runRemove(
  { options, positionals }: CommandInput<typeof REMOVE_OPTIONS>,
  { keep, workers, format }: { keep: 'on' | 'off' | undefined; workers: number | undefined; format: 'text' | 'json' },
  io: CliIo,
): Promise<ExitCode> {
  const key = positionals[0]!;
  const plan = await planFlagRemoval({
    key,
    cwd: io.cwd,
    env: io.env,
    cache: options['no-cache'] !== true,
    verify: options['no-verify'] !== true,
    format: options['no-formatter'] !== true,
    ...(keep === undefined ? {} : { keep }),
    ...(options['cache-location'] === undefined ? {} : { cacheLocation: options['cache-location'] }),
    ...(workers === undefined ? {} : { workers }),
    ...(options.config === undefined ? {} : { config: options.config }),
    ...(options.manifest === undefined ? {} : { manifest: options.manifest }),
    ...(options.today === undefined ? {} : { today: options.today }),
  });
  reportCacheWarnings(io, plan.cacheWarnings);
  for (const warning of plan.formatting.warnings)
    io.stderr(`flag-hygiene: warning: ${terminalSafe(warning.file)}: ${terminalSafe(warning.message)}\n`);
  // The diff is the codebase's text; the other lines name its files, keys and test names.
  const diff = options['dry-run'] && format === 'text' ? terminalSafeLines(planDiff(plan).trimEnd()) : undefined;
  let applied: ApplyResult | undefined;
  if (!options['dry-run']) {
    try {
      applied = await applyUntilSignalled(plan, io);
    } catch (error) {
      if (!(error instanceof RemovalInterrupted)) throw error;
      io.stderr(`flag-hygiene: ${terminalSafe(error.message)}\n`);
      return error.reason === 'SIGTERM' ? ExitCode.terminated : ExitCode.interrupted;
    }
  }
  if (format === 'json') {
    io.stdout(`${JSON.stringify(removalJson(plan, options['dry-run'] === true, applied), null, 2)}\n`);
    return plan.manual.length > 0 ? ExitCode.findings : ExitCode.clean;
  }
  const lines: string[] = [];
  const verb = options['dry-run'] ? 'Would remove' : 'Removed';
  lines.push(`${verb} flag "${key}", keeping its ${plan.keep} path:`);
  for (const change of plan.changes) {
    const details = [
      change.folded > 0 ? `${change.folded} evaluation${change.folded === 1 ? '' : 's'} folded` : undefined,
      change.deletedTests.length > 0
        ? `deleted test${change.deletedTests.length === 1 ? '' : 's'}: ${change.deletedTests.map((name) => JSON.stringify(name)).join(', ')}`
        : undefined,
    ].filter(Boolean);
    lines.push(`  ${change.relative}${details.length > 0 ? `  (${details.join('; ')})` : ''}`);
  }
  if (plan.manifest) lines.push(`  ${plan.manifest.relative}  (entry removed)`);
  for (const change of plan.changes.filter((candidate) => candidate.emptyTestFile)) {
    lines.push(`Left without tests (not deleted): ${change.relative}`);
  }
  const typeCheck = plan.typeCheck;
  if (typeCheck !== undefined && typeCheck.files > 0) {
    if (typeCheck.added.length === 0)
      lines.push(
        `Type check: the result type-checks as well as the original did (${typeCheck.files} file${typeCheck.files === 1 ? '' : 's'} checked).`,
      );
    else {
      lines.push(`Type check: the removal adds ${typeCheck.added.length} diagnostic${typeCheck.added.length === 1 ? '' : 's'}:`);
      for (const added of typeCheck.added) lines.push(`  ${added.file}:${added.line}:${added.column}  TS${added.code} ${added.message}`);
    }
  }
  for (const parameter of plan.parameters) {
    const where = `${parameter.file}:${parameter.line}:${parameter.column}`;
    if (parameter.keptBecause === undefined)
      lines.push(`Removed a parameter left unused: ${where}  "${parameter.name}" (and the argument its callers passed)`);
    else
      lines.push(
        `Left unused: ${where}  parameter "${parameter.name}" is no longer read, but ${parameter.keptBecause}; remove it by hand if you can`,
      );
  }
  lines.push(...formatterLines(plan.formatting, options['no-formatter'] === true));
  for (const mention of plan.mentions)
    lines.push(
      `Still mentioned: ${mention.file}:${mention.line}:${mention.column}  the key as a string, not a read of the flag; check it by hand (a mock, a fixture)`,
    );
  for (const site of plan.manual) lines.push(`Needs a hand: ${site.file}:${site.loc.line}:${site.loc.column}  ${site.reason}`);
  if (plan.manual.length > 0) lines.push('The manifest entry stays until these sites are rewritten.');
  const stale = applied?.staleTemporaries ?? [];
  if (stale.length > 0)
    lines.push(`Deleted ${stale.length} temporary file${stale.length === 1 ? '' : 's'} left by an interrupted run: ${stale.join(', ')}`);
  io.stdout([...(diff === undefined ? [] : [diff, '']), ...lines.map(terminalSafe)].join('\n') + '\n');
  return plan.manual.length > 0 ? ExitCode.findings : ExitCode.clean;
}

const files = (count: number) => `${count} file${count === 1 ? '' : 's'}`;

/** Which formatter ran over the touched files, and what it left alone. */
function formatterLines(formatting: RemovalPlan['formatting'], skipped: boolean): string[] {
  const { formatter } = formatting;
  if (formatter === undefined)
    return [
      skipped
        ? 'Formatter: not run (--no-formatter).'
        : 'Formatter: none configured in the project; the edits keep the surrounding indentation.',
    ];
  const lines = [`Formatter: ${formatter.name} ${formatter.version} (the project's own) formatted ${files(formatting.formatted.length)}.`];
  if (formatting.notFormattedBefore.length > 0) {
    lines.push(
      `Not formatted, as ${formatter.name} would have changed them before the removal too: ${formatting.notFormattedBefore.join(', ')}`,
    );
  }
  return lines;
}

/** The summary as `--format json` prints it (docs/cli.md describes its shape). */
function removalJson(plan: RemovalPlan, dryRun: boolean, applied: ApplyResult | undefined): unknown {
  return {
    key: plan.key,
    keep: plan.keep,
    dryRun,
    ...(dryRun ? { diff: planDiff(plan) } : {}),
    files: plan.changes.map((change) => ({
      file: change.relative,
      folded: change.folded,
      deletedTests: change.deletedTests,
      emptyTestFile: change.emptyTestFile,
    })),
    manifest: plan.manifest?.relative ?? null,
    typeCheck: plan.typeCheck ?? null,
    parameters: plan.parameters.map((parameter) => ({ ...parameter, removed: parameter.keptBecause === undefined })),
    formatter: plan.formatting.formatter ?? null,
    formatted: plan.formatting.formatted,
    notFormattedBefore: plan.formatting.notFormattedBefore,
    warnings: plan.formatting.warnings,
    mentions: plan.mentions,
    manual: plan.manual.map((site) => ({ file: site.file, line: site.loc.line, column: site.loc.column, reason: site.reason })),
    staleTemporaries: applied?.staleTemporaries ?? [],
  };
}

/**
 * Test-only: with FLAG_HYGIENE_TEST_PAUSE_AFTER_REPLACE=1, the run stops after replacing its first
 * file, says so on stderr and waits (up to a minute) for a signal, so a test can interrupt it at
 * that known point.
 */
function pauseForTests(io: CliIo, aborted: AbortSignal): ApplyOptions['afterReplace'] {
  if (io.env.FLAG_HYGIENE_TEST_PAUSE_AFTER_REPLACE !== '1') return undefined;
  let paused = false;
  return async (change) => {
    if (paused) return;
    paused = true;
    io.stderr(`flag-hygiene: paused after replacing ${terminalSafe(change.relative)}\n`);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 60_000);
      aborted.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  };
}

/**
 * Applies the plan; SIGINT or SIGTERM meanwhile stops it and puts every file back (see
 * applyRemovalPlan) instead of ending the process with half the files replaced and temporary files
 * left behind.
 */
async function applyUntilSignalled(plan: RemovalPlan, io: CliIo): Promise<ApplyResult> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => controller.abort(signal);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const afterReplace = pauseForTests(io, controller.signal);
    return await applyRemovalPlan(plan, { signal: controller.signal, ...(afterReplace === undefined ? {} : { afterReplace }) });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
