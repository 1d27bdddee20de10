import { terminalSafe } from '../report/text-safe.js';
import { MAX_HISTORY_KEYS } from './git-dates.js';
import type { InitPlan } from './plan.js';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function countColumn(items: readonly { count: number }[]): (count: number) => string {
  const width = Math.max(...items.map((item) => String(item.count).length));
  return (count) => String(count).padStart(width);
}

function presetLines(plan: InitPlan): string[] {
  const width = Math.max(...plan.presets.map(({ preset }) => preset.length)) + 2;
  const lines = ['Presets:'];
  for (const { preset, detected } of plan.presets) {
    const why =
      detected !== undefined
        ? `${detected.dependency} in ${detected.packageJson}`
        : plan.config.exists && !plan.config.added.includes('presets')
          ? 'set in flag-hygiene.config.json'
          : 'no feature-flag SDK among the dependencies';
    lines.push(`  ${preset.padEnd(width)}${why}`);
  }
  if (plan.presets.length === 0) lines.push('  none: the config describes the flag API with its own "accessors"');
  for (const detected of plan.notConfigured) {
    lines.push(
      `  (${detected.preset}: ${detected.dependency} in ${detected.packageJson}, but the config's "presets" leave it out; add it if the code reads flags through it)`,
    );
  }
  if (plan.noSdk && plan.presets.some(({ preset }) => preset === 'seed')) {
    lines.push(
      '  seed matches flags.get(KEY) only: add your flag API to "accessors" in flag-hygiene.config.json (see the calls below and docs/settings.md).',
    );
  }
  return lines;
}

function referenceLines(plan: InitPlan): string[] {
  const lines = [`References: ${plan.references} in ${plural(plan.files, 'file')}, ${plural(plan.keys, 'flag key')}`];
  const patterns = (entries: readonly { pattern: string; count: number }[]) => {
    const count = countColumn(entries);
    for (const entry of entries) lines.push(`    ${count(entry.count)}  ${entry.pattern}`);
  };
  for (const { preset, patterns: found } of plan.presets) {
    lines.push(
      `  ${preset}: ${
        found.length === 0
          ? 'no reference'
          : plural(
              found.reduce((sum, entry) => sum + entry.count, 0),
              'reference',
            )
      }`,
    );
    patterns(found);
  }
  if (plan.configAccessors.length > 0) {
    lines.push('  accessors of flag-hygiene.config.json:');
    patterns(plan.configAccessors);
  }
  return lines;
}

function wrapperLines(plan: InitPlan): string[] {
  if (plan.wrappers.length === 0) return ['Wrapper functions inferred: none'];
  const count = countColumn(plan.wrappers);
  return [
    'Wrapper functions inferred (their calls are references):',
    ...plan.wrappers.map((wrapper) => `    ${count(wrapper.count)}  ${wrapper.name}`),
  ];
}

function unmatchedLines(plan: InitPlan): string[] {
  if (plan.unmatched.length === 0) return ['Calls that look like flag reads but match no pattern: none'];
  const count = countColumn(plan.unmatched);
  const width = Math.max(...plan.unmatched.map((shape) => shape.callee.length));
  return [
    'Calls that look like flag reads but match no pattern (a string first argument):',
    ...plan.unmatched.map((shape) => `    ${count(shape.count)}  ${`${shape.callee}(…)`.padEnd(width + 5)}accessor: ${shape.suggestion}`),
    '  If they read flags, add the accessor to "accessors" in flag-hygiene.config.json and run init again.',
  ];
}

function manifestLines(plan: InitPlan, dryRun: boolean): string[] {
  const manifest = plan.manifest;
  const write = dryRun ? 'Would write' : 'Wrote';
  if (manifest.kind === 'pointed-at') {
    return [
      `${manifest.path}: ${manifest.format}, left as it is; the config points at it.`,
      ...(manifest.undeclared > 0
        ? [`  ${plural(manifest.undeclared, 'referenced key')} it does not declare: report lists them as undeclared.`]
        : []),
    ];
  }
  if (manifest.kind === 'left-alone') {
    return [
      `${manifest.path}: left as it is (${manifest.reason}); ${plural(manifest.undeclared, 'referenced key')} it does not declare: add them yourself.`,
    ];
  }
  if (manifest.added.length === 0) return [`${manifest.path}: every referenced key is declared; nothing to add.`];
  const lines = [
    `${write} ${manifest.path}: ${manifest.created ? '' : 'added '}${plural(manifest.added.length, 'flag')}, ${manifest.git ? `createdAt from git history for ${manifest.dated}` : 'no git history for createdAt'}.`,
  ];
  if (manifest.undatedForLimit > 0)
    lines.push(`  createdAt was looked up for the first ${MAX_HISTORY_KEYS} keys only; fill in the other ${manifest.undatedForLimit}.`);
  lines.push('  Fill in its "# TODO" lines; `npx flag-hygiene check-manifest` lists what is still required.');
  return lines;
}

function configLines(plan: InitPlan, dryRun: boolean): string[] {
  const { config } = plan;
  if (config.added.length === 0) return [`${config.path}: nothing to add.`];
  const write = dryRun ? 'Would write' : 'Wrote';
  return [config.exists ? `${write} ${config.path}: added ${config.added.join(', ')}.` : `${write} ${config.path}.`];
}

/** What init found and did, for the terminal; with --dry-run, the files it would write in full. */
export function formatInitReport(plan: InitPlan, dryRun: boolean): string {
  const sections: string[][] = [presetLines(plan), referenceLines(plan), wrapperLines(plan), unmatchedLines(plan)];
  if (plan.longKeys > 0)
    sections.push([
      `${plural(plan.longKeys, 'key')} longer than 1000 characters left out of the manifest (YAML cannot write them as plain keys).`,
    ]);
  sections.push([...configLines(plan, dryRun), ...manifestLines(plan, dryRun)]);
  if (dryRun) {
    for (const write of plan.writes) sections.push([`--- ${write.path}${write.created ? ' (new)' : ''}`, write.text.replace(/\n$/, '')]);
  }
  sections.push([
    `ESLint: ${plan.eslint.setup.exists ? 'add to' : 'create'} ${plan.eslint.setup.file}`,
    plan.eslint.snippet.replace(/\n$/, ''),
  ]);
  sections.push([
    'On a codebase with existing flag debt, adopt without fixing everything first:',
    "  eslint --suppress-all                   (ESLint 9.24+) records today's violations; new ones still fail",
    '  flag-hygiene report --changed-since REF  fails CI only on findings in lines changed since REF',
  ]);
  // Keys, paths and names come from the repository: no control character reaches the terminal.
  return `${sections.map((lines) => lines.map((line) => line.split('\n').map(terminalSafe).join('\n')).join('\n')).join('\n\n')}\n`;
}
