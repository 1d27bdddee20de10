import type { Report } from './build.js';
import { CODE_HELP } from '../findings/codes.js';
import { gateSummary, reportFindings } from './findings.js';
import { terminalSafe } from './text-safe.js';

/*
 * GitHub Actions workflow commands (`::error file=…,line=…::message`), escaped as @actions/core
 * escapes them: a value from the scanned repository can neither end the command early nor start
 * a new one on a line of its own.
 */

/** The message part, after `::`: line breaks as the runner decodes them, other controls shown as in the text report. */
export function escapeCommandData(value: string): string {
  return terminalSafe(value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** A property value (`file=`, `title=`): also `:` and `,`, which end a value. */
export function escapeCommandProperty(value: string): string {
  return escapeCommandData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(name: 'error' | 'warning' | 'notice', properties: Record<string, string | number | undefined>, message: string): string {
  const list = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([property, value]) => `${property}=${escapeCommandProperty(String(value))}`)
    .join(',');
  return `::${name}${list === '' ? '' : ` ${list}`}::${escapeCommandData(message)}`;
}

/** One annotation per finding (`error` when it fails --fail-on, else `warning`), then a `notice` with the summary. */
export function formatGithub(report: Report): string {
  const lines: string[] = [];
  for (const finding of reportFindings(report)) {
    const { location } = finding;
    lines.push(
      command(
        finding.failing ? 'error' : 'warning',
        { file: location?.file, line: location?.line, col: location?.column, title: `${CODE_HELP[finding.code].title} (${finding.code})` },
        finding.message,
      ),
    );
  }
  for (const warning of report.warnings) {
    lines.push(
      command(
        'warning',
        {
          file: warning.file,
          line: warning.line,
          col: warning.line === undefined ? undefined : warning.column,
          title: 'Flag hygiene scan warning',
        },
        warning.message,
      ),
    );
  }
  lines.push(command('notice', {}, `Flag hygiene: ${gateSummary(report)}`));
  return lines.join('\n') + '\n';
}
