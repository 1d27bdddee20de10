import type { RemovalReason } from '../manifest/policy.js';
import type { Report, ReportFlag, ReportLocation, ReportSkipped } from './build.js';
import type { FindingCode } from '../findings/codes.js';
import { REASON_WORDS } from '../findings/words.js';

/** A place a finding also concerns: another reference of the flag, or its manifest declaration. */
export interface RelatedLocation extends ReportLocation {
  role: 'reference' | 'test reference' | 'declaration';
}

/**
 * One result of the gate, as the annotation formats (SARIF, GitHub) show it: a reason a flag is
 * ready for removal (one per reason) or a hygiene error. Texts are raw: values from the scanned
 * repository are in them unescaped, and each format escapes them for its own syntax.
 */
export interface ReportFinding {
  code: FindingCode;
  key: string;
  /** Counts toward --fail-on (after --changed-since). */
  failing: boolean;
  /** A flag's first reference, else its manifest declaration; an error's position. */
  location?: ReportLocation;
  /** A flag's other references, then its declaration when a reference is the location. */
  related: RelatedLocation[];
  message: string;
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A report path (`/`-separated) as a URI path: every segment percent-encoded, `!'()*` included, so it cannot end a link. */
export function uriPath(file: string): string {
  return file
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`),
    )
    .join('/');
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function removalMessage(flag: ReportFlag, reason: RemovalReason): string {
  const why = reason === 'expired' && flag.expiresAt !== undefined ? `expired on ${flag.expiresAt}` : REASON_WORDS[reason];
  const action =
    reason === 'unreferenced'
      ? 'delete its manifest entry'
      : flag.keep === null
        ? 'decide which path to keep'
        : `keep the ${flag.keep} path`;
  const who = [
    flag.owner === undefined ? undefined : `owner ${flag.owner}`,
    flag.ticket === undefined ? undefined : `ticket ${flag.ticket}`,
  ].filter((part) => part !== undefined);
  return `flag "${flag.key}" is ready for removal (${why}): ${action}${who.length === 0 ? '' : `; ${who.join(', ')}`}`;
}

/** `src/logo.ts is binary (contains NUL bytes)`; a folder with a `/`. */
export function skippedText(entry: ReportSkipped): string {
  return `${entry.file}${entry.folder ? '/' : ''} ${entry.reason}`;
}

/** Every finding of the report: the flags ready for removal (by key, then reason), then the errors (by position), then what was not scanned. */
export function reportFindings(report: Report): ReportFinding[] {
  const findings: ReportFinding[] = [];
  for (const flag of report.flags) {
    if (!flag.readyForRemoval) continue;
    const [first, ...others] = flag.references;
    const location = first ?? flag.declaredAt;
    const related: RelatedLocation[] = others.map(({ file, line, column, test }) => ({
      file,
      line,
      column,
      role: test ? 'test reference' : 'reference',
    }));
    if (first !== undefined && flag.declaredAt !== undefined) related.push({ ...flag.declaredAt, role: 'declaration' });
    for (const reason of flag.reasons) {
      findings.push({
        code: reason,
        key: flag.key,
        failing: flag.failing.includes(reason),
        ...(location === undefined ? {} : { location }),
        related,
        message: sentence(removalMessage(flag, reason)),
      });
    }
  }
  for (const error of report.errors) {
    const { file, line, column } = error;
    findings.push({
      code: error.code,
      key: error.key,
      failing: error.failing,
      location: { file, line, column },
      related: [],
      message: sentence(error.message),
    });
  }
  for (const entry of report.skipped) {
    // A folder has no line to point at.
    const location = entry.folder ? {} : { location: { file: entry.file, line: 1, column: 1 } };
    findings.push({
      code: 'skipped',
      key: '',
      failing: entry.failing,
      ...location,
      related: [],
      message: `Not scanned: ${skippedText(entry)}`,
    });
  }
  return findings;
}

/** `3 flags ready for removal, 1 hygiene error`, and `, 2 not scanned` when something was not. */
export function findingCounts(report: Report): string {
  const ready = report.flags.filter((flag) => flag.readyForRemoval).length;
  const counts = `${plural(ready, 'flag')} ready for removal, ${plural(report.errors.length, 'hygiene error')}`;
  return report.skipped.length === 0 ? counts : `${counts}, ${report.skipped.length} not scanned`;
}

/** `2 flags ready for removal, 1 hygiene error; 1 finding fails --fail-on expired,undeclared` */
export function gateSummary(report: Report): string {
  const counts = findingCounts(report);
  const failOn = `--fail-on ${report.failOn.join(',') || 'none'}`;
  return report.failures === 0
    ? `${counts}; passes ${failOn}`
    : `${counts}; ${plural(report.failures, 'finding')} ${report.failures === 1 ? 'fails' : 'fail'} ${failOn}`;
}
