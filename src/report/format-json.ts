import type { Report } from './build.js';
import { jsonText } from './text-safe.js';

/** The contracts' JSON: `{ today, flags: [...], errors: [...] }`, with each flag's and error's extra fields after the contract's. */
export function formatJson(report: Report): string {
  const output = {
    today: report.today,
    flags: report.flags.map((flag) => ({
      key: flag.key,
      declared: flag.declared,
      type: flag.type ?? null,
      owner: flag.owner ?? null,
      references: flag.references.map(({ file, line, column, test }) => ({ file, line, column, test })),
      readyForRemoval: flag.readyForRemoval,
      reasons: flag.reasons,
      keep: flag.keep,
      ticket: flag.ticket ?? null,
      createdAt: flag.createdAt ?? null,
      expiresAt: flag.expiresAt ?? null,
      ageDays: flag.ageDays ?? null,
      declaredAt: flag.declaredAt ?? null,
      testedStates: flag.testedStates,
      failing: flag.failing,
      ...(flag.textMentions === undefined ? {} : { textMentions: flag.textMentions }),
    })),
    errors: report.errors.map(({ code, key, file, line, column, message, failing, mentions }) => ({
      code,
      key,
      file,
      line,
      column,
      message,
      failing,
      ...(mentions === undefined ? {} : { mentions }),
    })),
    failOn: report.failOn,
    failures: report.failures,
    warnings: report.warnings,
    skipped: report.skipped.map(({ file, reason, folder, failing }) => ({ file, reason, folder, failing })),
  };
  return jsonText(output);
}
