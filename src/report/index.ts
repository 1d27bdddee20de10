import type { Report } from './build.js';
import { formatJson } from './format-json.js';
import { formatText } from './format-text.js';

export const REPORT_FORMATS = ['text', 'json', 'markdown', 'sarif', 'github'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface FormatOptions {
  color: boolean;
  groupBy?: 'owner';
  /** Base URL of the repository's files at this commit, for links (`https://github.com/o/r/blob/<sha>/`). */
  linkBase?: string;
  /** The manifest, relative to the report root, for locations of manifest-only findings. */
  toolVersion: string;
}

export type Formatter = (report: Report, options: FormatOptions) => string;

const FORMATTERS: Partial<Record<ReportFormat, Formatter>> = {
  text: (report, options) => formatText(report, { color: options.color, ...(options.groupBy ? { groupBy: options.groupBy } : {}) }),
  json: (report) => formatJson(report),
};

/** Registers a formatter (the Markdown, SARIF and GitHub reporters live in their own modules). */
export function registerFormatter(format: ReportFormat, formatter: Formatter): void {
  FORMATTERS[format] = formatter;
}

/** Reporters return strings; only the CLI writes them out. */
export function formatReport(report: Report, format: ReportFormat, options: FormatOptions): string {
  const formatter = FORMATTERS[format];
  if (formatter === undefined) throw new Error(`no formatter for ${format}`);
  return formatter(report, options);
}

export { buildReport, type BuildReportInput, type Report, type ReportError, type ReportFlag, type ReportLocation, type ReportReference } from './build.js';
export { DEFAULT_FAIL_ON, ERROR_CODES, FINDING_CODES, CODE_HELP, type ErrorCode, type FindingCode } from './codes.js';
