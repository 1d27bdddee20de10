import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createContext, Script } from 'node:vm';
import tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter, type ESLint, type Rule } from 'eslint';
import picomatch from 'picomatch';
import ts from 'typescript';
import { rewriteFile, type FileRewrite, type KeptBranch } from '../../src/codemod/rewrite-file.js';
import type { FlagHygieneSettings } from '../../src/config/schema.js';
import { resolveSettings, type ResolvedSettings } from '../../src/config/settings.js';
import { analyzeFile } from '../../src/detect/analyze.js';
import { AccessorIndex } from '../../src/patterns/index.js';
import { ModuleGraph } from '../../src/detect/module-graph.js';
import { parseSource } from '../../src/detect/parse-source.js';
import { createModuleResolver } from '../../src/detect/module-resolution.js';
import { importsAWrapper } from '../../src/detect/needs-analysis.js';
import { readSpecifierScope, specifierTest } from '../../src/detect/project-specifiers.js';
import { applyKeyAliases, resolveFacts, type ResolvedReference } from '../../src/detect/resolve.js';
import { UserError } from '../../src/errors.js';
import { lintFileContext } from '../../src/eslint/file-context.js';
import plugin from '../../src/index.js';
import { loadManifest } from '../../src/manifest/load.js';
import type { Manifest } from '../../src/manifest/types.js';
import { toPosixRelative } from '../../src/posix-path.js';
import { deserializeResult, serializedOf } from '../../src/scanner/facts-store.js';
import { processFile } from '../../src/scanner/process-file.js';
import { FUZZ_MANIFEST, FUZZ_TODAY, SIBLING_MODULES, type GeneratedProgram } from './fuzz-generators.js';

/*
 * The fuzz tests' project: a temporary folder with the manifest and the modules generated programs
 * import, an in-process ESLint Linter with every rule of the plugin on (plus a recording rule that
 * reads the facts the rules share), and the scanner's per-file path over the same settings.
 */

type AnyRuleContext = Parameters<typeof lintFileContext>[0];

/** `line:column key role`, the key as `dynamic:<text>` when it cannot be resolved. */
export function referenceLine(reference: Pick<ResolvedReference, 'loc' | 'key' | 'role'>): string {
  const key = reference.key.kind === 'static' ? reference.key.key : `dynamic:${reference.key.text}`;
  return `${reference.loc.line}:${reference.loc.column} ${key} ${reference.role}`;
}

export interface LintOutcome {
  messages: Linter.LintMessage[];
  /** verifyAndFix's output (the plugin has no autofixes: the input, unchanged). */
  output: string;
  fixed: boolean;
  /** What the rules' shared facts held, as reference lines (sorted). */
  references: string[];
  /** A configuration problem the rules saw instead of facts. */
  configurationError?: string;
}

export interface FuzzProject {
  root: string;
  settings: ResolvedSettings;
  manifest: Manifest;
  /** Lints with every rule of the plugin (configs.all), or with just one (`flag-hygiene/<name>`). */
  lint(file: string, text: string, onlyRule?: string): LintOutcome;
  /** The scanner's path for one file: read, prefilter, parse, analyse, resolve (as scanProject does it). */
  scan(file: string, text: string): { references: string[]; parseError?: string };
  /** The codemod's rewrite of one file for one flag (as planFlagRemoval does it), and the references to that flag it started from. */
  remove(file: string, text: string, key: string, keep: KeptBranch): { rewrite: FileRewrite; references: ResolvedReference[] };
  /** The resolved references to `key` in a text, without writing it anywhere. */
  referencesTo(file: string, text: string, key: string): ResolvedReference[];
  cleanup(): void;
}

/** The settings every fuzz case runs with: every SDK preset, the manifest, a pinned date. */
export function fuzzSettings(root: string): FlagHygieneSettings {
  return {
    manifest: join(root, 'flags.yaml'),
    presets: ['seed', 'openfeature', 'launchdarkly', 'unleash', 'growthbook', 'flagsmith'],
    today: FUZZ_TODAY,
  };
}

export function createFuzzProject(): FuzzProject {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'flag-hygiene-fuzz-')));
  writeFileSync(join(root, 'flags.yaml'), FUZZ_MANIFEST);
  for (const [path, text] of Object.entries(SIBLING_MODULES)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const raw = fuzzSettings(root);
  // The same settings for the CLI, with the manifest relative to the config file.
  writeFileSync(join(root, 'flag-hygiene.config.json'), `${JSON.stringify({ ...raw, manifest: 'flags.yaml' }, null, 2)}\n`);
  const settings = resolveSettings(raw, { root, origin: 'fuzz settings', env: {} });
  const manifest = loadManifest(settings.manifestPath!);
  const declared = [...manifest.flags.keys()];
  const index = new AccessorIndex(settings.accessors);
  // As scanProject: calls into packages no tsconfig aliases are not kept as possible wrapper calls.
  const analysis = { index, inProject: specifierTest(readSpecifierScope(root, [])) };
  const matchesTest = picomatch([...settings.tests], { dot: true });
  const isTestFile = (file: string) => matchesTest(toPosixRelative(root, file));
  const graph = new ModuleGraph({ index, resolveModule: createModuleResolver(root), isTestFile });

  let recorded: { references: string[]; configurationError?: string } | undefined;
  const recorder: Rule.RuleModule = {
    meta: { type: 'problem', schema: [], docs: { description: 'Records the flag references the shared facts hold (test only)' } },
    create(context) {
      const facts = lintFileContext(context as unknown as AnyRuleContext);
      recorded =
        facts instanceof UserError
          ? { references: [], configurationError: facts.message }
          : { references: facts.facts.references.map(referenceLine).sort() };
      return {};
    },
  };
  const configFor = (rules: Linter.RulesRecord): Linter.Config[] => [
    {
      files: ['**/*.{ts,tsx}'],
      plugins: { 'flag-hygiene': plugin as unknown as ESLint.Plugin, recorder: { rules: { references: recorder } } },
      languageOptions: {
        parser: tsParser as unknown as Linter.Parser,
        sourceType: 'module',
        parserOptions: { ecmaFeatures: { jsx: true } },
      },
      settings: { 'flag-hygiene': raw },
      rules: { ...rules, 'recorder/references': 'error' },
    },
  ];
  const allRules = plugin.configs.all.rules as TSESLint.FlatConfig.Rules as Linter.RulesRecord;
  const configs = new Map<string, Linter.Config[]>([['', configFor(allRules)]]);
  const linter = new Linter({ configType: 'flat', cwd: root });

  const referencesIn = (path: string, text: string): ResolvedReference[] => {
    const facts = analyzeFile(parseSource(path, text), { index, test: isTestFile(path), text });
    return applyKeyAliases(resolveFacts(path, facts, graph).references, declared);
  };

  return {
    root,
    settings,
    manifest,
    lint(file, text, onlyRule = '') {
      let config = configs.get(onlyRule);
      if (config === undefined) {
        config = configFor({ [onlyRule]: allRules[onlyRule] ?? 'error' });
        configs.set(onlyRule, config);
      }
      recorded = undefined;
      const result = linter.verifyAndFix(text, config, { filename: join(root, file) });
      const seen = recorded as { references: string[]; configurationError?: string } | undefined;
      const outcome: LintOutcome = {
        messages: result.messages,
        output: result.output,
        fixed: result.fixed,
        references: seen?.references ?? [],
      };
      if (seen?.configurationError !== undefined) outcome.configurationError = seen.configurationError;
      return outcome;
    },
    scan(file, text) {
      const path = join(root, file);
      writeFileSync(path, text);
      const task = { file: path, test: isTestFile(path) };
      let outcome = processFile(task, analysis);
      // A file naming no accessor is analysed when it imports a wrapper (scanProject's second pass).
      if (outcome.kind === 'unmatched') {
        if (!importsAWrapper(path, outcome.imports, graph)) return { references: [] };
        outcome = processFile({ ...task, force: true }, analysis);
      }
      if (outcome.kind !== 'analysed') throw new Error(`unexpected scanner outcome ${outcome.kind} for ${file}`);
      // Through the deflated form, as facts come from a worker or the cache.
      const result = deserializeResult(serializedOf(outcome.result));
      if (result.kind === 'parse-error') return { references: [], parseError: `${result.line}:${result.column} ${result.message}` };
      const references = applyKeyAliases(resolveFacts(path, result.facts, graph).references, declared);
      return { references: references.map(referenceLine).sort() };
    },
    remove(file, text, key, keep) {
      const path = join(root, file);
      const references = referencesIn(path, text).filter((reference) => reference.key.kind === 'static' && reference.key.key === key);
      return { rewrite: rewriteFile(path, text, references, keep), references };
    },
    referencesTo(file, text, key) {
      return referencesIn(join(root, file), text).filter((reference) => reference.key.kind === 'static' && reference.key.key === key);
    },
    cleanup() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Applies one fix or suggestion to a text. */
export function applyFix(text: string, fix: { range: readonly [number, number]; text: string }): string {
  return text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
}

/**
 * Why a text is not a valid module, or undefined when it is: it must parse as the scanner and the
 * codemod parse it, and, types erased, compile in V8. typescript-estree accepts some code no engine
 * runs (a `break` outside a loop, a label used twice), so the second check catches a rewrite that
 * moved a `break` out of its loop.
 */
export function syntaxErrorOf(file: string, text: string): string | undefined {
  try {
    parseSource(file, text);
  } catch (error) {
    return error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
  const { outputText } = ts.transpileModule(text, {
    fileName: file,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, jsx: ts.JsxEmit.React },
  });
  try {
    // Compiled, never run.
    new Script(outputText, { filename: file });
    return undefined;
  } catch (error) {
    return `not valid JavaScript once types are erased: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** A program as it is printed with a failure: numbered lines, so a position in a message can be found. */
export function numbered(program: GeneratedProgram): string {
  return `--- ${program.file} ---\n${program.text
    .split('\n')
    .map((line, index) => `${String(index + 1).padStart(3)} | ${line}`)
    .join('\n')}`;
}

/** What `run(log, n)` did for one n: the value it returned or the message it threw, and its log. */
export interface FlowOutcome {
  n: number;
  returned?: unknown;
  threw?: string;
  log: string[];
}

const flowRealm = createContext({});

/**
 * Runs a module exporting `run(log, n)` (JavaScript but for its `export`) for n = 0…3, with a
 * client stub whose boolean evaluation of `flag` gives `value` (any other key gets its fallback),
 * in a realm of its own with a short timeout. Code V8 does not accept throws here.
 */
export function runFlowProgram(file: string, text: string, flag: string, value: boolean): FlowOutcome[] {
  const script = new Script(
    [
      '(() => {',
      `const client = { getBooleanValue: (key, fallback) => (key === ${JSON.stringify(flag)} ? ${value} : fallback) };`,
      text.replace(/^export /gm, ''),
      'const outcomes = [];',
      'for (const n of [0, 1, 2, 3]) {',
      '  const log = [];',
      '  try {',
      '    outcomes.push({ n, returned: run(log, n), log });',
      '  } catch (error) {',
      '    outcomes.push({ n, threw: error instanceof Error ? error.message : String(error), log });',
      '  }',
      '}',
      'return JSON.stringify(outcomes);',
      '})()',
    ].join('\n'),
    { filename: file },
  );
  return JSON.parse(script.runInContext(flowRealm, { timeout: 200 }) as string) as FlowOutcome[];
}
