import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { Linter, type ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import type { FlagHygieneSettings } from '../../src/config/schema.js';
import plugin from '../../src/index.js';
import { REPO_ROOT } from '../helpers/run-bin.js';

/*
 * Every ❌ / ✅ code block of docs/rules/<rule>.md, linted with its rule (as typescript-eslint
 * checks its docs): an incorrect example reports at least one error of the rule, a correct one none,
 * so an example cannot drift from what the rule does. Each block is linted alone, with the settings
 * its page states: the manifest it shows (a ```yaml block starting `# flags.yaml`), the date it
 * assumes ("today is 2026-11-28"), a `// settings: {…}` first line, options in an
 * `/* eslint flag-hygiene/<rule>: […] *\/` comment, and a `// src/….ts` first line as the file name.
 * The verdict of a block is the last ❌ or ✅ written before it since the last heading; a line with
 * both ("✅ Correct by default, ❌ incorrect with `{…}`") gives the second to the block as written
 * and the first to the block without its options comment.
 */

const DOCS = join(REPO_ROOT, 'docs', 'rules');
const CODE_LANGUAGES = new Set(['ts', 'tsx', 'js', 'jsx']);

// The environment beats the `today` a page states.
delete process.env.FLAG_HYGIENE_TODAY;

type Verdict = 'incorrect' | 'correct';

interface Example {
  rule: string;
  /** Line of the opening fence in the page (1-based). */
  line: number;
  verdict: Verdict;
  code: string;
  language: string;
}

interface RulePage {
  rule: string;
  examples: Example[];
  manifest?: string;
  today?: string;
  /** The page has a "Requires a manifest" section. */
  requiresManifest: boolean;
}

function verdictsOf(line: string): Verdict[] {
  return [...line.matchAll(/❌|✅/g)].map((match) => (match[0] === '❌' ? 'incorrect' : 'correct'));
}

const OPTIONS_COMMENT = /^\/\* eslint flag-hygiene\/[\w-]+: .*\*\/\n/m;

/** The examples of one page, in order. */
function readRulePage(rule: string, text: string): RulePage {
  const lines = text.split('\n');
  const examples: Example[] = [];
  let manifest: string | undefined;
  let verdicts: Verdict[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const fence = /^```(\w*)\s*$/.exec(line);
    if (fence === null) {
      // The badge line of the generated header names configs with ✅ too: it is no verdict.
      if (line.startsWith('#')) verdicts = verdictsOf(line);
      else if (!line.startsWith('💼') && !line.startsWith('⚠️') && verdictsOf(line).length > 0) verdicts = verdictsOf(line);
      continue;
    }
    const start = index;
    const body: string[] = [];
    for (index++; index < lines.length && !/^```\s*$/.test(lines[index]!); index++) body.push(lines[index]!);
    const code = `${body.join('\n')}\n`;
    const language = fence[1]!;
    if (language === 'yaml' && body[0]?.trim() === '# flags.yaml') manifest = code;
    if (!CODE_LANGUAGES.has(language) || verdicts.length === 0) continue;
    const withOptions = OPTIONS_COMMENT.test(code);
    if (verdicts.length === 2 && withOptions) {
      examples.push({ rule, line: start + 1, verdict: verdicts[0]!, code: code.replace(OPTIONS_COMMENT, ''), language });
    }
    examples.push({ rule, line: start + 1, verdict: verdicts.at(-1)!, code, language });
  }
  const today = /today is (\d{4}-\d{2}-\d{2})/.exec(text)?.[1];
  return {
    rule,
    examples,
    requiresManifest: /^## Requires a manifest/m.test(text),
    ...(manifest === undefined ? {} : { manifest }),
    ...(today === undefined ? {} : { today }),
  };
}

const root = realpathSync(mkdtempSync(join(tmpdir(), 'flag-hygiene-doc-examples-')));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Lints one example in a folder of its page's own (its manifest beside it); the messages of every rule that ran. */
function lint(page: RulePage, example: Example): Linter.LintMessage[] {
  const folder = join(root, page.rule);
  const settings: FlagHygieneSettings = { tests: ['**/*.{test,spec}.*', '**/__tests__/**'] };
  if (page.manifest !== undefined) {
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'flags.yaml'), page.manifest);
    settings.manifest = join(folder, 'flags.yaml');
  }
  if (page.today !== undefined) settings.today = page.today;
  const stated = /^\/\/ settings: (\{.*\})$/m.exec(example.code)?.[1];
  if (stated !== undefined) {
    const own = JSON.parse(stated) as FlagHygieneSettings;
    Object.assign(settings, own, own.manifest === undefined ? {} : { manifest: join(folder, own.manifest) });
  }
  const named = /^\/\/ (src\/\S+\.[jt]sx?)$/m.exec(example.code.split('\n')[0]!)?.[1];
  const file = join(folder, named ?? `src/example.${example.language}`);
  const config: Linter.Config[] = [
    {
      files: ['**/*.{ts,tsx,js,jsx}'],
      plugins: { 'flag-hygiene': plugin as unknown as ESLint.Plugin },
      languageOptions: {
        parser: tsParser as unknown as Linter.Parser,
        sourceType: 'module',
        parserOptions: { ecmaFeatures: { jsx: true } },
      },
      settings: { 'flag-hygiene': settings },
      rules: { [`flag-hygiene/${page.rule}`]: 'error' },
    },
  ];
  mkdirSync(dirname(file), { recursive: true });
  return new Linter({ configType: 'flat', cwd: folder }).verify(example.code, config, { filename: file });
}

const pages = readdirSync(DOCS)
  .filter((name) => name.endsWith('.md'))
  .sort()
  .map((name) => readRulePage(name.slice(0, -'.md'.length), readFileSync(join(DOCS, name), 'utf8')));

describe('reading a rule page', () => {
  it('takes the verdict from the last ❌ / ✅ line or heading, and none after a heading without one', () => {
    const page = readRulePage(
      'some-rule',
      [
        '💼 This rule is enabled in the following configs: ✅ `recommended`.',
        '```ts',
        'header();',
        '```',
        '### ❌ Incorrect',
        '```ts',
        'bad();',
        '```',
        '```tsx',
        'alsoBad();',
        '```',
        '### ✅ Correct',
        'Some prose.',
        '```ts',
        'good();',
        '```',
        '## Options',
        '```js',
        'config();',
        '```',
        '✅ Correct by default, ❌ incorrect with `{ strict: true }`:',
        '```ts',
        '/* eslint flag-hygiene/some-rule: ["error", { strict: true }] */',
        'either();',
        '```',
        'The examples below assume that today is 2026-11-28.',
        '```yaml',
        '# flags.yaml',
        'flags: {}',
        '```',
      ].join('\n'),
    );
    expect(page.examples.map(({ line, verdict, code, language }) => ({ line, verdict, code, language }))).toEqual([
      { line: 6, verdict: 'incorrect', code: 'bad();\n', language: 'ts' },
      { line: 9, verdict: 'incorrect', code: 'alsoBad();\n', language: 'tsx' },
      { line: 14, verdict: 'correct', code: 'good();\n', language: 'ts' },
      { line: 22, verdict: 'correct', code: 'either();\n', language: 'ts' },
      {
        line: 22,
        verdict: 'incorrect',
        code: '/* eslint flag-hygiene/some-rule: ["error", { strict: true }] */\neither();\n',
        language: 'ts',
      },
    ]);
    expect(page.today).toBe('2026-11-28');
    expect(page.manifest).toBe('# flags.yaml\nflags: {}\n');
  });
});

describe('docs/rules: every ❌ example reports its rule, every ✅ example does not', () => {
  it('there is a page for every rule, each with incorrect and correct examples, and its manifest where it needs one', () => {
    expect(pages.map((page) => page.rule)).toEqual(Object.keys(plugin.rules).sort());
    expect(pages.filter((page) => page.requiresManifest).map((page) => page.rule)).toEqual([
      'no-expired-flag',
      'no-remote-kill-switch',
      'no-stale-flag',
      'no-undeclared-flag',
    ]);
    for (const page of pages) {
      if (page.requiresManifest) expect(page.manifest, page.rule).toContain('\nflags:\n');
      expect(page.examples.filter((example) => example.verdict === 'incorrect').length, page.rule).toBeGreaterThan(0);
      expect(page.examples.filter((example) => example.verdict === 'correct').length, page.rule).toBeGreaterThan(0);
    }
  });

  const examples = pages.flatMap((page) =>
    page.examples.map((example) => ({ page, example, name: `${page.rule}.md:${example.line} ${example.verdict}` })),
  );
  it.each(examples)('$name', ({ page, example }) => {
    const messages = lint(page, example);
    // A block that does not parse, or a settings problem, says so instead of passing quietly.
    const problems = messages.filter(
      (message) =>
        message.fatal === true || message.ruleId !== `flag-hygiene/${page.rule}` || message.message.startsWith('ESLint settings'),
    );
    expect(problems.map((message) => `${message.line}:${message.column} ${message.message}`)).toEqual([]);
    if (example.verdict === 'incorrect') expect(messages.length, example.code).toBeGreaterThan(0);
    else expect(messages.map((message) => `${message.line}:${message.column} ${message.message}`)).toEqual([]);
  });
});
