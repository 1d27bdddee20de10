import { createHash } from 'node:crypto';
import type { Report, ReportLocation } from './build.js';
import { CODE_HELP, FINDING_CODES, type FindingCode } from '../findings/codes.js';
import { reportFindings, uriPath, type ReportFinding } from './findings.js';
import { jsonText, terminalSafe } from './text-safe.js';

export interface SarifOptions {
  toolVersion: string;
}

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/flag-hygiene/eslint-plugin-flag-hygiene#readme';
const SOURCE_ROOT = '%SRCROOT%';

type Level = 'error' | 'warning';

/**
 * Plain text for a SARIF message (§3.11.3). Viewers render `[text](target)` as a link (§3.11.6):
 * a `](` from a key or a file name is broken with a zero-width space so no viewer, however naive,
 * sees a link in it. Braces are doubled (§3.11.5); control and bidirectional formatting characters
 * are shown, not sent, as in the text report.
 */
function sarifText(value: string): string {
  return terminalSafe(value)
    .replace(/\]\(/g, ']\u200b(')
    .replace(/[{}]/g, (brace) => brace + brace);
}

/** Link text of an embedded link (§3.11.6): `\`, `[` and `]` escaped with a backslash. */
function sarifLinkText(value: string): string {
  return sarifText(value).replace(/[\\[\]]/g, (character) => `\\${character}`);
}

function physicalLocation(location: ReportLocation) {
  return {
    artifactLocation: { uri: uriPath(location.file), uriBaseId: SOURCE_ROOT },
    region: { startLine: Math.max(1, location.line), startColumn: Math.max(1, location.column) },
  };
}

/** The finding's message, with its related locations as embedded links GitHub shows. */
function message(finding: ReportFinding): string {
  const link = (location: ReportLocation, id: number) => `[${sarifLinkText(`${location.file}:${location.line}`)}](${id})`;
  const references = finding.related
    .map((location, index) => ({ location, id: index + 1 }))
    .filter(({ location }) => location.role !== 'declaration');
  const declaration = finding.related.findIndex((location) => location.role === 'declaration');
  let text = `${sarifText(finding.message)}.`;
  if (references.length > 0)
    text += ` Other references: ${references.map(({ location, id }) => link(location, id) + (location.role === 'test reference' ? ' (test)' : '')).join(', ')}.`;
  if (declaration >= 0) text += ` Declared at ${link(finding.related[declaration]!, declaration + 1)}.`;
  return text;
}

/**
 * GitHub code scanning tracks alerts by `primaryLocationLineHash` alone. Here it is the code, the
 * key and the file, so an alert follows its flag when lines move; equal ones are numbered in order.
 */
function fingerprints(findings: readonly ReportFinding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const hash = createHash('sha256')
      .update(`${finding.code}\u0000${finding.key}\u0000${finding.location?.file ?? ''}`)
      .digest('hex')
      .slice(0, 16);
    const occurrence = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, occurrence);
    return `${hash}:${occurrence}`;
  });
}

function ruleLevel(report: Report, code: FindingCode): Level {
  return report.failOn.includes(code) ? 'error' : 'warning';
}

/** SARIF 2.1.0 for GitHub code scanning: one run, a rule per finding code, a result per finding. */
export function formatSarif(report: Report, options: SarifOptions): string {
  const findings = reportFindings(report);
  const hashes = fingerprints(findings);
  const run = {
    tool: {
      driver: {
        name: 'flag-hygiene',
        version: options.toolVersion,
        semanticVersion: options.toolVersion,
        informationUri: INFORMATION_URI,
        rules: FINDING_CODES.map((code) => ({
          id: code,
          shortDescription: { text: CODE_HELP[code].title },
          fullDescription: { text: CODE_HELP[code].help },
          help: { text: CODE_HELP[code].help },
          defaultConfiguration: { level: ruleLevel(report, code) },
        })),
      },
    },
    ...(report.warnings.length === 0
      ? {}
      : {
          invocations: [
            {
              executionSuccessful: true,
              toolExecutionNotifications: report.warnings.map((warning) => ({
                level: 'warning',
                message: { text: sarifText(warning.message) },
                ...(warning.line === undefined
                  ? { locations: [{ physicalLocation: { artifactLocation: { uri: uriPath(warning.file), uriBaseId: SOURCE_ROOT } } }] }
                  : {
                      locations: [
                        { physicalLocation: physicalLocation({ file: warning.file, line: warning.line, column: warning.column ?? 1 }) },
                      ],
                    }),
              })),
            },
          ],
        }),
    columnKind: 'utf16CodeUnits',
    results: findings.map((finding, index) => ({
      ruleId: finding.code,
      level: finding.failing ? 'error' : 'warning',
      message: { text: message(finding) },
      ...(finding.location === undefined ? {} : { locations: [{ physicalLocation: physicalLocation(finding.location) }] }),
      ...(finding.related.length === 0
        ? {}
        : { relatedLocations: finding.related.map((location, id) => ({ id: id + 1, physicalLocation: physicalLocation(location) })) }),
      partialFingerprints: { primaryLocationLineHash: hashes[index]! },
    })),
  };
  return jsonText({ version: '2.1.0', $schema: SARIF_SCHEMA, runs: [run] });
}
