import type { Report, ReportError, ReportFlag, ReportSkipped } from './build.js';
import { findingCounts, plural, skippedText } from './findings.js';
import { REASON_WORDS } from '../findings/words.js';
import { terminalSafe } from './text-safe.js';

export interface TextOptions {
  color: boolean;
  groupBy?: 'owner';
}

function paint(enabled: boolean) {
  const wrap = (open: number, close: number) => (text: string) => (enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39), cyan: wrap(36, 39) };
}

function flagLines(flag: ReportFlag, style: ReturnType<typeof paint>): string[] {
  const details = [flag.type, flag.owner, flag.ticket, flag.ageDays === undefined ? undefined : `${flag.ageDays} days old`]
    .filter((part): part is string => part !== undefined)
    .map(terminalSafe)
    .join(' · ');
  const mark = flag.failing.length > 0 ? style.red('✖') : style.yellow('●');
  const reasons = flag.reasons.map((reason) => REASON_WORDS[reason]).join(', ');
  const keep =
    flag.references.length === 0
      ? flag.textMentions === undefined
        ? 'delete the manifest entry'
        : 'its key appears in the text (see text-mention): check before deleting'
      : flag.keep === null
        ? 'decide which path to keep'
        : `keep the ${flag.keep} path`;
  const lines = [`  ${mark} ${style.bold(terminalSafe(flag.key))}  ${style.dim(details)}`, `      ${reasons} — ${keep}`];
  const shown = flag.references.slice(0, 5);
  for (const reference of shown)
    lines.push(
      `      ${style.cyan(`${terminalSafe(reference.file)}:${reference.line}:${reference.column}`)}${reference.test ? style.dim(' (test)') : ''}`,
    );
  if (flag.references.length > shown.length) lines.push(style.dim(`      … and ${flag.references.length - shown.length} more`));
  if (flag.references.length === 0 && flag.declaredAt)
    lines.push(
      `      ${style.cyan(`${terminalSafe(flag.declaredAt.file)}:${flag.declaredAt.line}:${flag.declaredAt.column}`)} ${style.dim('(manifest)')}`,
    );
  return lines;
}

function errorLine(error: ReportError, style: ReturnType<typeof paint>): string {
  const mark = error.failing ? style.red('✖') : style.yellow('●');
  return `  ${mark} ${style.cyan(`${terminalSafe(error.file)}:${error.line}:${error.column}`)}  ${error.code}  ${terminalSafe(error.message)}`;
}

function skippedLine(entry: ReportSkipped, style: ReturnType<typeof paint>): string {
  return `  ${entry.failing ? style.red('✖') : style.yellow('●')} ${terminalSafe(skippedText(entry))}`;
}

/** A titled section, unless it has no lines; line by line, since spreading 100,000 lines into push() overflows the stack. */
function appendSection(lines: string[], title: string, body: readonly string[], style: ReturnType<typeof paint>): void {
  if (body.length === 0) return;
  lines.push('', style.bold(title));
  for (const line of body) lines.push(line);
}

/** The terminal report: flags ready for removal, hygiene errors, and a one-line summary. */
export function formatText(report: Report, options: TextOptions): string {
  const style = paint(options.color);
  const ready = report.flags.filter((flag) => flag.readyForRemoval);
  const lines: string[] = [style.bold(`Flag hygiene report for ${report.today}`)];
  if (options.groupBy === 'owner') {
    const owners = new Map<string, { flags: ReportFlag[]; errors: ReportError[] }>();
    const ownerOf = new Map(report.flags.map((flag) => [flag.key, flag.owner ?? '(no owner)']));
    const group = (owner: string) => {
      let entry = owners.get(owner);
      if (entry === undefined) {
        entry = { flags: [], errors: [] };
        owners.set(owner, entry);
      }
      return entry;
    };
    for (const flag of ready) group(flag.owner ?? '(no owner)').flags.push(flag);
    for (const error of report.errors) group(ownerOf.get(error.key) ?? '(no owner)').errors.push(error);
    for (const owner of [...owners.keys()].sort()) {
      const entry = owners.get(owner)!;
      lines.push('', style.bold(`Owner: ${terminalSafe(owner)}`));
      for (const flag of entry.flags) for (const line of flagLines(flag, style)) lines.push(line);
      for (const error of entry.errors) lines.push(errorLine(error, style));
    }
  } else {
    appendSection(
      lines,
      `Flags ready for removal (${ready.length})`,
      ready.flatMap((flag) => flagLines(flag, style)),
      style,
    );
    appendSection(
      lines,
      `Hygiene errors (${report.errors.length})`,
      report.errors.map((error) => errorLine(error, style)),
      style,
    );
  }
  // Not anyone's: listed whole, grouped or not.
  appendSection(
    lines,
    `Not scanned (${report.skipped.length})`,
    report.skipped.map((entry) => skippedLine(entry, style)),
    style,
  );
  if (report.warnings.length > 0) {
    appendSection(
      lines,
      `Warnings (${report.warnings.length})`,
      report.warnings.map(
        (warning) =>
          `  ${style.dim(`${terminalSafe(warning.file)}${warning.line === undefined ? '' : `:${warning.line}:${warning.column ?? 1}`} ${terminalSafe(warning.message)}`)}`,
      ),
      style,
    );
  }
  const summary = findingCounts(report);
  const gate =
    report.failures === 0
      ? style.green(`passes --fail-on ${report.failOn.join(',') || 'none'}`)
      : style.red(`${plural(report.failures, 'finding')} fail --fail-on ${report.failOn.join(',')}`);
  lines.push('', `${report.failures === 0 ? style.green('✔') : style.red('✖')} ${summary}; ${gate}`);
  return lines.join('\n') + '\n';
}
