/** The report formats `--format` accepts; apart from the formatters, so the CLI's help loads none of them. */
export const REPORT_FORMATS = ['text', 'json', 'markdown', 'sarif', 'github'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
