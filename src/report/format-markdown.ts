import { REMOVAL_REASONS } from '../manifest/policy.js';
import type { Report, ReportError, ReportFlag, ReportLocation } from './build.js';
import { ERROR_CODES } from '../findings/codes.js';
import { findingCounts, plural, skippedText, uriPath } from './findings.js';
import { terminalSafe } from './text-safe.js';

export interface MarkdownOptions {
  groupBy?: 'owner';
  /** `https://github.com/o/r/blob/<sha>/`: locations become links to `${linkBase}${file}#L${line}`. */
  linkBase?: string;
}

/** Lets a bot that posts the report find its own comment again and update it. */
const MARKER = '<!-- flag-hygiene-report -->';

/** Zero-width space: after `@` and `#`, it keeps GitHub from pinging a user or cross-referencing an issue. */
const ZWSP = '&#8203;';
const REPLACEMENTS: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '@': `@${ZWSP}`, '#': `\\#${ZWSP}` };

/**
 * Text from the scanned repository (keys, owners, tickets, descriptions, file names, messages) as
 * inert Markdown, safe anywhere inline and in a table cell: no heading, link, image, HTML, code,
 * emphasis, math, mention or cell break can come out of it. Line breaks, other control characters
 * and bidirectional formatting characters are shown as `\u…` escapes, as in the text report.
 */
export function markdownText(value: string): string {
  return terminalSafe(value).replace(/[\\`*_[\]()#|!~$&<>@]/g, (character) => REPLACEMENTS[character] ?? `\\${character}`);
}

/** A Mermaid label keeps only letters, digits, spaces and `._-`: no quote, bracket or line break can end it. */
function mermaidLabel(value: string): string {
  return value.replace(/[^\p{L}\p{N} ._-]/gu, '');
}

function locationText(location: ReportLocation, linkBase: string | undefined): string {
  const text = markdownText(`${location.file}:${location.line}`);
  return linkBase === undefined ? text : `[${text}](${linkBase}${uriPath(location.file)}#L${location.line})`;
}

function table(header: readonly string[], align: readonly ('left' | 'right')[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${align.map((side) => (side === 'right' ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
}

function code(value: string): string {
  return `\`${value}\``;
}

function keepText(flag: ReportFlag): string {
  if (flag.keep !== null) return flag.keep;
  return flag.reasons.every((reason) => reason === 'unreferenced') ? 'none needed' : 'decide';
}

function summary(report: Report, ready: readonly ReportFlag[]): string[] {
  const failOn = code(`--fail-on ${report.failOn.join(',') || 'none'}`);
  const counts = findingCounts(report);
  const verdict =
    report.failures === 0
      ? `✅ ${counts}; **passes** ${failOn}`
      : `❌ ${counts}; **${plural(report.failures, 'finding')} ${report.failures === 1 ? 'fails' : 'fail'}** ${failOn}`;
  const lines: string[] = [verdict];
  const reasons = REMOVAL_REASONS.map((reason) => ({
    reason,
    flags: ready.filter((flag) => flag.reasons.includes(reason)).length,
    failing: ready.filter((flag) => flag.failing.includes(reason)).length,
  })).filter((row) => row.flags > 0);
  if (reasons.length > 0) {
    lines.push(
      '',
      ...table(
        ['Ready for removal', 'Flags', 'Failing'],
        ['left', 'right', 'right'],
        [
          ...reasons.map((row) => [code(row.reason), String(row.flags), String(row.failing)]),
          ['**All reasons**', `**${ready.length}**`, `**${ready.filter((flag) => flag.failing.length > 0).length}**`],
        ],
      ),
    );
  }
  const codes = ERROR_CODES.map((errorCode) => ({
    code: errorCode,
    errors: report.errors.filter((error) => error.code === errorCode).length,
    failing: report.errors.filter((error) => error.code === errorCode && error.failing).length,
  })).filter((row) => row.errors > 0);
  if (codes.length > 0) {
    lines.push(
      '',
      ...table(
        ['Hygiene errors', 'Errors', 'Failing'],
        ['left', 'right', 'right'],
        [
          ...codes.map((row) => [code(row.code), String(row.errors), String(row.failing)]),
          ['**All codes**', `**${report.errors.length}**`, `**${report.errors.filter((error) => error.failing).length}**`],
        ],
      ),
    );
  }
  return lines;
}

const AGE_BUCKETS: readonly { label: string; upTo: number }[] = [
  { label: '0-30', upTo: 30 },
  { label: '31-90', upTo: 90 },
  { label: '91-180', upTo: 180 },
  { label: '181-365', upTo: 365 },
  { label: 'over 365', upTo: Number.POSITIVE_INFINITY },
];

/** Mermaid charts GitHub renders: the reasons, and how long the flags have been around. */
function charts(ready: readonly ReportFlag[]): string[] {
  if (ready.length === 0) return [];
  const slices = REMOVAL_REASONS.map((reason) => [reason, ready.filter((flag) => flag.reasons.includes(reason)).length] as const).filter(
    ([, count]) => count > 0,
  );
  const ages = AGE_BUCKETS.map(
    ({ upTo }, index) =>
      ready.filter((flag) => (flag.ageDays ?? 0) <= upTo && (index === 0 || (flag.ageDays ?? 0) > AGE_BUCKETS[index - 1]!.upTo)).length,
  );
  return [
    '',
    '```mermaid',
    'pie title Why flags are ready for removal',
    ...slices.map(([reason, count]) => `    "${mermaidLabel(reason)}" : ${count}`),
    '```',
    '',
    '```mermaid',
    'xychart-beta',
    '    title "Flags ready for removal by age in days"',
    `    x-axis [${AGE_BUCKETS.map(({ label }) => `"${mermaidLabel(label)}"`).join(', ')}]`,
    '    y-axis "Flags"',
    `    bar [${ages.join(', ')}]`,
    '```',
  ];
}

function flagRow(flag: ReportFlag, linkBase: string | undefined): string[] {
  const name = markdownText(flag.key) + (flag.description === undefined ? '' : `<br>${markdownText(flag.description)}`);
  const reasons = flag.reasons.map((reason) => code(reason) + (flag.failing.includes(reason) ? ' (failing)' : '')).join(', ');
  const references =
    flag.references.length > 0
      ? flag.references.map((reference) => locationText(reference, linkBase) + (reference.test ? ' (test)' : '')).join('<br>')
      : flag.declaredAt === undefined
        ? '—'
        : `${locationText(flag.declaredAt, linkBase)} (manifest)`;
  return [
    name,
    flag.type ?? '—',
    reasons,
    flag.ageDays === undefined ? '—' : String(flag.ageDays),
    keepText(flag),
    flag.ticket === undefined ? '—' : markdownText(flag.ticket),
    references,
  ];
}

function flagTable(flags: readonly ReportFlag[], linkBase: string | undefined): string[] {
  return table(
    ['Flag', 'Type', 'Reasons', 'Age (days)', 'Keep', 'Ticket', 'References'],
    ['left', 'left', 'left', 'right', 'left', 'left', 'left'],
    flags.map((flag) => flagRow(flag, linkBase)),
  );
}

function errorTable(errors: readonly ReportError[], linkBase: string | undefined): string[] {
  return table(
    ['Code', 'Flag', 'Location', 'Message'],
    ['left', 'left', 'left', 'left'],
    errors.map((error) => [
      code(error.code) + (error.failing ? ' (failing)' : ''),
      markdownText(error.key),
      locationText(error, linkBase),
      markdownText(error.message),
    ]),
  );
}

/** Groups by owner, owners in order and the unowned last; `undefined` is no owner. */
function byOwner<T>(items: readonly T[], ownerOf: (item: T) => string | undefined): [string | undefined, T[]][] {
  const groups = new Map<string | undefined, T[]>();
  for (const item of items) {
    const owner = ownerOf(item);
    const group = groups.get(owner);
    if (group) group.push(item);
    else groups.set(owner, [item]);
  }
  return [...groups].sort(([a], [b]) => (a === b ? 0 : a === undefined ? 1 : b === undefined ? -1 : a < b ? -1 : 1));
}

function ownerHeading(owner: string | undefined, count: number): string {
  return `#### ${owner === undefined ? 'No owner' : `Owner: ${markdownText(owner)}`} (${count})`;
}

/** Line by line: spreading a table of 100,000 rows into push() would overflow the stack. */
function appendLines(lines: string[], ...parts: readonly (readonly string[])[]): void {
  for (const part of parts) for (const line of part) lines.push(line);
}

/**
 * The report as GitHub-flavoured Markdown for a pull-request comment or a cleanup issue: the gate
 * verdict with counts, charts of the debt, the flags ready for removal per owner, and the errors.
 */
export function formatMarkdown(report: Report, options: MarkdownOptions): string {
  const ready = report.flags.filter((flag) => flag.readyForRemoval);
  const lines: string[] = [
    MARKER,
    `## Flag hygiene report for ${markdownText(report.today)}`,
    '',
    ...summary(report, ready),
    ...charts(ready),
  ];

  lines.push('', `### Flags ready for removal (${ready.length})`);
  if (ready.length === 0) lines.push('', 'No flag is ready for removal.');
  for (const [owner, flags] of byOwner(ready, (flag) => flag.owner))
    appendLines(lines, ['', ownerHeading(owner, flags.length), ''], flagTable(flags, options.linkBase));

  lines.push('', `### Hygiene errors (${report.errors.length})`);
  if (report.errors.length === 0) lines.push('', 'No hygiene errors.');
  else if (options.groupBy === 'owner') {
    const owners = new Map(report.flags.map((flag) => [flag.key, flag.owner]));
    for (const [owner, errors] of byOwner(report.errors, (error) => owners.get(error.key)))
      appendLines(lines, ['', ownerHeading(owner, errors.length), ''], errorTable(errors, options.linkBase));
  } else appendLines(lines, [''], errorTable(report.errors, options.linkBase));

  if (report.skipped.length > 0) {
    lines.push('', `### Not scanned (${report.skipped.length})`, '');
    for (const entry of report.skipped) lines.push(`- ${markdownText(skippedText(entry))}${entry.failing ? ' (failing)' : ''}`);
  }
  if (report.warnings.length > 0) {
    lines.push('', `### Scan warnings (${report.warnings.length})`, '');
    for (const warning of report.warnings) {
      const where =
        warning.line === undefined
          ? markdownText(warning.file)
          : locationText({ file: warning.file, line: warning.line, column: warning.column ?? 1 }, options.linkBase);
      lines.push(`- ${where}: ${markdownText(warning.message)}`);
    }
  }
  return lines.join('\n') + '\n';
}
