import type { Report } from './build.js';
import { formatGithub } from './format-github.js';
import { formatJson } from './format-json.js';
import { formatMarkdown } from './format-markdown.js';
import { formatSarif } from './format-sarif.js';
import { formatText } from './format-text.js';
import type { ReportFormat } from './formats.js';

export { REPORT_FORMATS, type ReportFormat } from './formats.js';

export interface FormatOptions {
  color: boolean;
  groupBy?: 'owner';
  /** Base URL of the repository's files at this commit, for links (`https://github.com/o/r/blob/<sha>/`). */
  linkBase?: string;
  /** The version of flag-hygiene that made the report (SARIF `tool.driver.version`). */
  toolVersion: string;
}

export type Formatter = (report: Report, options: FormatOptions) => string;

const FORMATTERS: Record<ReportFormat, Formatter> = {
  text: (report, options) => formatText(report, { color: options.color, ...(options.groupBy ? { groupBy: options.groupBy } : {}) }),
  json: (report) => formatJson(report),
  markdown: (report, options) => formatMarkdown(report, options),
  sarif: (report, options) => formatSarif(report, options),
  github: (report) => formatGithub(report),
};

/** Reporters return strings; only the CLI writes them out. */
export function formatReport(report: Report, format: ReportFormat, options: FormatOptions): string {
  return FORMATTERS[format](report, options);
}

export {
  buildReport,
  countFailures,
  unreferencedCandidates,
  type BuildReportInput,
  type Report,
  type ReportError,
  type ReportFlag,
  type ReportLocation,
  type ReportReference,
  type ReportSkipped,
} from './build.js';
export {
  DEFAULT_FAIL_ON,
  ERROR_CODES,
  FINDING_CODES,
  CODE_HELP,
  type ErrorCode,
  type FindingCode,
  type SkippedCode,
} from '../findings/codes.js';
