import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runBin } from '../helpers/run-bin.js';

/**
 * The CI gate on the bundled demo, run as CI runs it: the built binary, no colour. Expected
 * positions are found by searching the demo's own sources for each key, not taken from the tool.
 */
const DEMO = join(REPO_ROOT, 'fixtures', 'demo');
const CONFIG = join(DEMO, 'flag-hygiene.config.json');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * Every place a text occurs in the demo's sources, as file:line:column (1-based). The flag store's
 * own snapshot (src/flags/) names keys as data, not as evaluations, so it is not searched.
 */
function occurrences(needle: string): { file: string; line: number; column: number; test: boolean }[] {
  const found: { file: string; line: number; column: number; test: boolean }[] = [];
  for (const path of [...sourceFiles(join(DEMO, 'src')), ...sourceFiles(join(DEMO, 'test'))].sort()) {
    const lines = readFileSync(path, 'utf8').split('\n');
    lines.forEach((line, index) => {
      for (let at = line.indexOf(needle); at >= 0; at = line.indexOf(needle, at + 1)) {
        const file = relative(DEMO, path).split('\\').join('/');
        if (file.startsWith('src/flags/')) continue;
        found.push({ file, line: index + 1, column: at + 1, test: file.startsWith('test/') });
      }
    });
  }
  return found;
}

const keyAt = (key: string) => occurrences(`'${key}'`);
const manifestLine = (key: string) =>
  readFileSync(join(DEMO, 'flags.yaml'), 'utf8')
    .split('\n')
    .findIndex((line) => line === `  ${key}:`) + 1;

function report(args: string[], options: { cwd?: string } = {}) {
  return runBin(['report', '--config', CONFIG, ...args], options);
}

interface JsonReport {
  today: string;
  flags: {
    key: string;
    declared: boolean;
    type: string | null;
    owner: string | null;
    references: unknown[];
    readyForRemoval: boolean;
    reasons: string[];
    keep: string | null;
    declaredAt: { line: number } | null;
  }[];
  errors: { code: string; key: string; file: string; line: number; column: number; failing: boolean }[];
}

describe('flag-hygiene report on the demo', () => {
  it('--format json: every flag with its references, reasons and keep path, and every hygiene error', () => {
    const result = report(['--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    const json = JSON.parse(result.stdout) as JsonReport;
    expect(json.today).toBe('2026-11-28');
    const flags = json.flags.map(({ key, declared, type, owner, references, readyForRemoval, reasons, keep }) => ({
      key,
      declared,
      type,
      owner,
      references,
      readyForRemoval,
      reasons,
      keep,
    }));
    const flag = (key: string, declared: [string, string] | null, ready: string[], keep: string | null) => ({
      key,
      declared: declared !== null,
      type: declared?.[0] ?? null,
      owner: declared?.[1] ?? null,
      references: keyAt(key),
      readyForRemoval: ready.length > 0,
      reasons: ready,
      keep,
    });
    expect(flags).toEqual([
      flag('bulk_import', ['permission', 'billing-team'], [], null),
      flag('checkout_redesign', ['release', 'web-team'], ['expired'], null),
      flag('express_pay', ['release', 'payments-team'], [], null),
      flag('external_api_circuit_breaker', ['operational', 'platform-team'], [], null),
      flag('legacy_invoice_pdf', ['release', 'billing-team'], ['unreferenced'], null),
      flag('new_payment_processor', ['release', 'payments-team'], ['fully-rolled-out'], 'on'),
      flag('recomendation_v2', null, [], null),
      flag('recommendation_v2', ['experiment', 'growth-team'], [], null),
      flag('search_reranker_v3', ['experiment', 'search-team'], ['always-off'], 'off'),
    ]);
    expect(json.flags.find((entry) => entry.key === 'legacy_invoice_pdf')?.declaredAt?.line).toBe(manifestLine('legacy_invoice_pdf'));

    const [bulkImport] = occurrences("isFeatureEnabled(flags.get('bulk_import')");
    const [expressPay] = occurrences("isFeatureEnabled(flags.get('express_pay')");
    const [recommendation] = keyAt('recommendation_v2').filter((reference) => !reference.test);
    const [typo] = keyAt('recomendation_v2');
    const error = (code: string, key: string, at: { file: string; line: number; column: number }, failing: boolean) => ({
      code,
      key,
      file: at.file,
      line: at.line,
      column: at.column,
      failing,
    });
    expect(json.errors.map(({ code, key, file, line, column, failing }) => ({ code, key, file, line, column, failing }))).toEqual([
      error('missing-fallback', 'bulk_import', bulkImport!, false),
      error('nested', 'express_pay', expressPay!, false),
      error('untested-state', 'recommendation_v2', recommendation!, false),
      error('undeclared', 'recomendation_v2', typo!, true),
      error('untested-state', 'recomendation_v2', typo!, false),
    ]);
  });

  it('--format text is what the README shows', () => {
    const result = report(['--fail-on', 'none']);
    expect(result.status).toBe(0);
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const shown = /<!-- demo-output -->\n```text\n([\s\S]*?)\n```/.exec(readme)?.[1];
    expect(result.stdout).toBe(`${shown}\n`);
    expect(result.stdout).toMatch(/^✔ 4 flags ready for removal, 5 hygiene errors; passes --fail-on none$/m);
  });

  it('--format github: one annotation per finding, errors for failing ones, then a notice', () => {
    const result = report(['--format', 'github']);
    expect(result.status).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    const annotation = (line: string) => {
      const match = /^::(error|warning) file=([^,]+),line=(\d+),col=(\d+),title=[^:]*\((\S+)\)::/.exec(line);
      return match ? `${match[1]} ${match[2]}:${match[3]}:${match[4]} ${match[5]}` : line;
    };
    const at = (reference: { file: string; line: number; column: number }) => `${reference.file}:${reference.line}:${reference.column}`;
    const [checkout] = keyAt('checkout_redesign');
    const [typo] = keyAt('recomendation_v2');
    const [payment] = keyAt('new_payment_processor');
    const [search] = keyAt('search_reranker_v3');
    const [bulkImport] = occurrences("isFeatureEnabled(flags.get('bulk_import')");
    const [expressPay] = occurrences("isFeatureEnabled(flags.get('express_pay')");
    const [recommendation] = keyAt('recommendation_v2').filter((reference) => !reference.test);
    expect(lines.slice(0, -1).map(annotation).sort()).toEqual(
      [
        `error ${at(checkout!)} expired`,
        `error ${at(typo!)} undeclared`,
        `warning flags.yaml:${manifestLine('legacy_invoice_pdf')}:3 unreferenced`,
        `warning ${at(payment!)} fully-rolled-out`,
        `warning ${at(search!)} always-off`,
        `warning ${at(bulkImport!)} missing-fallback`,
        `warning ${at(expressPay!)} nested`,
        `warning ${at(recommendation!)} untested-state`,
        `warning ${at(typo!)} untested-state`,
      ].sort(),
    );
    expect(lines.at(-1)).toBe(
      '::notice::Flag hygiene: 4 flags ready for removal, 5 hygiene errors; 2 findings fail --fail-on expired,undeclared',
    );
  });

  it('--format markdown has a table row per flag ready for removal and per error', () => {
    const result = report(['--format', 'markdown', '--fail-on', 'none']);
    expect(result.status).toBe(0);
    for (const key of ['checkout\\_redesign', 'legacy\\_invoice\\_pdf', 'new\\_payment\\_processor', 'search\\_reranker\\_v3']) {
      expect(result.stdout).toMatch(new RegExp(`^\\| ${key.replace(/\\/g, '\\\\')}(<br>| )`, 'm'));
    }
    expect(result.stdout).toContain('```mermaid');
  });

  it('--format sarif has one result per reason and error, located in the demo', () => {
    const result = report(['--format', 'sarif', '--fail-on', 'none']);
    expect(result.status).toBe(0);
    const sarif = JSON.parse(result.stdout) as {
      version: string;
      runs: {
        results: {
          ruleId: string;
          locations?: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
        }[];
      }[];
    };
    expect(sarif.version).toBe('2.1.0');
    const results = sarif.runs[0]!.results.map(
      (entry) =>
        `${entry.ruleId} ${entry.locations?.[0]?.physicalLocation.artifactLocation.uri}:${entry.locations?.[0]?.physicalLocation.region.startLine}`,
    );
    const [checkout] = keyAt('checkout_redesign');
    const [payment] = keyAt('new_payment_processor');
    const [search] = keyAt('search_reranker_v3');
    expect(results.sort()).toEqual(
      [
        `expired ${checkout!.file}:${checkout!.line}`,
        `fully-rolled-out ${payment!.file}:${payment!.line}`,
        `always-off ${search!.file}:${search!.line}`,
        `unreferenced flags.yaml:${manifestLine('legacy_invoice_pdf')}`,
        `missing-fallback src/billing/bulk-import.ts:${occurrences("isFeatureEnabled(flags.get('bulk_import')")[0]!.line}`,
        `nested src/checkout/checkout-page.ts:${occurrences("isFeatureEnabled(flags.get('express_pay')")[0]!.line}`,
        `untested-state src/recommendations/get-recommendations.ts:${keyAt('recommendation_v2')[0]!.line}`,
        `undeclared src/search/search.ts:${keyAt('recomendation_v2')[0]!.line}`,
        `untested-state src/search/search.ts:${keyAt('recomendation_v2')[0]!.line}`,
      ].sort(),
    );
  });
});

describe('--fail-on', () => {
  it.each([
    ['expired', 1],
    ['fully-rolled-out', 1],
    ['always-off', 1],
    ['not-evaluated', 0],
    ['unreferenced', 1],
    ['undeclared', 1],
    ['dynamic', 0],
    ['untested-state', 1],
    ['nested', 1],
    ['missing-fallback', 1],
    ['none', 0],
    ['dynamic,not-evaluated', 0],
    ['dynamic,nested', 1],
  ])('%s exits %i on the demo', (codes, status) => {
    expect(report(['--fail-on', codes, '--format', 'json']).status).toBe(status);
  });

  it('the default is expired,undeclared', () => {
    const result = report(['--format', 'json']);
    expect(result.status).toBe(1);
    expect((JSON.parse(result.stdout) as { failOn: string[] }).failOn).toEqual(['expired', 'undeclared']);
  });

  it('an unknown code is a usage error', () => {
    expect(report(['--fail-on', 'expired,stale'])).toEqual({
      status: 2,
      stdout: '',
      stderr:
        "flag-hygiene: report: --fail-on: unknown code 'stale'; use none or a comma-separated list of expired, fully-rolled-out, always-off, not-evaluated, unreferenced, undeclared, dynamic, untested-state, nested, missing-fallback, text-mention, skipped\n",
    });
  });
});

describe('--changed-since', () => {
  let repository: string;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repository, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

  beforeAll(() => {
    repository = mkdtempSync(join(tmpdir(), 'flag-hygiene-changed-'));
    cpSync(DEMO, repository, { recursive: true, filter: (source) => !source.includes('node_modules') });
    git('init', '-q');
    git('-c', 'user.email=ci@example.com', '-c', 'user.name=CI', 'add', '.');
    git('-c', 'user.email=ci@example.com', '-c', 'user.name=CI', 'commit', '-q', '-m', 'demo');
  });
  afterAll(() => rmSync(repository, { recursive: true, force: true }));

  const gate = (failOn: string) =>
    runBin(['report', '--changed-since', 'HEAD', '--fail-on', failOn, '--format', 'json', '--no-cache'], { cwd: repository });

  it('with nothing changed, findings are listed but none fails', () => {
    const result = gate('expired,undeclared');
    expect(result.status).toBe(0);
    expect((JSON.parse(result.stdout) as JsonReport).errors.some((entry) => entry.code === 'undeclared')).toBe(true);
  });

  it('a change elsewhere does not fail the build for debt in code nobody touched', () => {
    const path = join(repository, 'src', 'observability', 'metrics.ts');
    writeFileSync(path, readFileSync(path, 'utf8') + '\nexport const VERSION = 2;\n');
    expect(gate('expired,undeclared').status).toBe(0);
  });

  it('a changed line holding a finding fails the build', () => {
    const path = join(repository, 'src', 'search', 'search.ts');
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace('const personalised = isFeatureEnabled(', 'const personalised  = isFeatureEnabled('),
    );
    expect(gate('undeclared').status).toBe(1);
    expect(gate('expired').status).toBe(0);
  });

  it('an unknown ref is one clear error', () => {
    const result = runBin(['report', '--changed-since', 'no-such-ref', '--no-cache'], { cwd: repository });
    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr: "flag-hygiene: --changed-since: 'no-such-ref' is not a commit in this repository\n",
    });
  });
});
