import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from '@typescript-eslint/typescript-estree';
import { AccessorIndex, compileAccessor, type AccessorSetting, type CompiledAccessor } from '../../src/patterns/index.js';
import { presetAccessors } from '../../src/config/presets.js';
import type { PresetName } from '../../src/config/schema.js';
import { analyzeFile } from '../../src/detect/analyze.js';
import type { FileFacts, FlagDecision, FlagNesting, Range, RegionState } from '../../src/detect/facts.js';
import { ModuleGraph } from '../../src/detect/module-graph.js';
import { createModuleResolver } from '../../src/detect/module-resolution.js';
import { resolveFacts, type ResolvedFacts, type ResolvedReference } from '../../src/detect/resolve.js';

/*
 * Test helpers for the detector: analyse a snippet with some presets or accessor patterns, then
 * read its references, decisions and regions as source text, so assertions read like the code.
 */

export interface DetectorOptions {
  /** Presets to use; default `['seed']` when no accessors are given (as the settings do). */
  presets?: readonly PresetName[];
  accessors?: readonly AccessorSetting[];
}

export interface SourceOptions extends DetectorOptions {
  /** Analyse as a test file. */
  test?: boolean;
  /** Parse with JSX (default true; false for `.ts`-only syntax like `<T>x`). */
  jsx?: boolean;
}

/** A reference reduced to what the issue asks about: its key (or `dynamic:<text>`), role and forced state. */
export interface ReferenceSummary {
  key: string;
  role: 'evaluate' | 'override';
  state?: 'on' | 'off' | 'unknown';
}

export function accessorsFor(options: DetectorOptions): CompiledAccessor[] {
  const presets = options.presets ?? (options.accessors === undefined ? ['seed' as const] : []);
  return [...presets.flatMap((name) => presetAccessors(name)), ...(options.accessors ?? []).map((setting) => compileAccessor(setting))];
}

export function indexFor(options: DetectorOptions): AccessorIndex {
  return new AccessorIndex(accessorsFor(options));
}

/** `new_checkout` for a static key, `dynamic:<expression>` for one that could not be resolved. */
export function keyName(reference: Pick<ResolvedReference, 'key'>): string {
  return reference.key.kind === 'static' ? reference.key.key : `dynamic:${reference.key.text}`;
}

export function summarize(references: readonly ResolvedReference[]): ReferenceSummary[] {
  return references.map((reference) => {
    const summary: ReferenceSummary = { key: keyName(reference), role: reference.role };
    if (reference.state !== undefined) summary.state = reference.state;
    return summary;
  });
}

/** Sorted, so a test compares sets of references rather than discovery order. */
export function sortedSummaries(references: readonly ResolvedReference[]): ReferenceSummary[] {
  const order = (summary: ReferenceSummary) => `${summary.key}\u0000${summary.role}\u0000${summary.state ?? ''}`;
  return summarize(references).sort((a, b) => order(a).localeCompare(order(b)));
}

/** Source text of a range, whitespace runs collapsed to one space. */
export function sliceText(text: string, range: Range): string {
  return text.slice(range[0], range[1]).replace(/\s+/g, ' ').trim();
}

/** What one analysed snippet offers a test. */
export interface Analysis {
  text: string;
  facts: FileFacts;
  resolved: ResolvedFacts;
  references: ResolvedReference[];
  decisions: FlagDecision[];
  nestings: FlagNesting[];
  /** The references as `{ key, role, state }`, sorted. */
  summary(): ReferenceSummary[];
  /** The distinct references as `key role [state]` strings, sorted: the set of what was found. */
  referenceSet(): string[];
  /** The references of one key. */
  referencesOf(key: string): ResolvedReference[];
  /** Every decision of a key's references. */
  decisionsOf(key: string): FlagDecision[];
  /** The only decision of a key (throws when there are none or several). */
  decisionOf(key: string): FlagDecision;
  /** The key a decision reads. */
  keyOfDecision(decision: FlagDecision): string;
  /** The text of the one region of a decision in a state; undefined when it has none (throws when several). */
  regionText(decision: FlagDecision, state: RegionState): string | undefined;
  /** Every region of a decision as `state: text`. */
  regions(decision: FlagDecision): string[];
  /** A decision's condition as written. */
  conditionText(decision: FlagDecision): string;
  /** Nestings as `outerKey > innerKey` (with ` via a > b` when through helpers). */
  nestingPairs(): string[];
  textOf(range: Range): string;
}

export function analysisOf(text: string, facts: FileFacts, resolved: ResolvedFacts): Analysis {
  const references = resolved.references;
  const keyOfDecision = (decision: FlagDecision) => {
    const reference = references[decision.reference];
    if (reference === undefined) throw new Error(`decision ${decision.id} has no kept reference`);
    return keyName(reference);
  };
  const decisionsOf = (key: string) => resolved.decisions.filter((decision) => keyOfDecision(decision) === key);
  const decisionById = new Map(resolved.decisions.map((decision) => [decision.id, decision]));
  const textOf = (range: Range) => sliceText(text, range);
  return {
    text,
    facts,
    resolved,
    references,
    decisions: resolved.decisions,
    nestings: resolved.nestings,
    summary: () => sortedSummaries(references),
    referenceSet: () =>
      [...new Set(summarize(references).map((summary) => [summary.key, summary.role, summary.state].filter(Boolean).join(' ')))].sort(),
    referencesOf: (key) => references.filter((reference) => keyName(reference) === key),
    decisionsOf,
    decisionOf(key) {
      const found = decisionsOf(key);
      if (found.length !== 1) {
        throw new Error(
          `expected one decision of "${key}", found ${found.length}: ${resolved.decisions.map((d) => `${keyOfDecision(d)}@${textOf(d.conditionRange)}`).join(', ')}`,
        );
      }
      return found[0]!;
    },
    keyOfDecision,
    regionText(decision, state) {
      const regions = decision.regions.filter((region) => region.state === state);
      if (regions.length > 1) throw new Error(`decision has ${regions.length} "${state}" regions`);
      return regions[0] === undefined ? undefined : textOf(regions[0].range);
    },
    regions: (decision) => decision.regions.map((region) => `${region.state}: ${textOf(region.range)}`),
    conditionText: (decision) => textOf(decision.conditionRange),
    nestingPairs: () =>
      resolved.nestings.map((nesting) => {
        const outer = keyOfDecision(decisionById.get(nesting.outer)!);
        const inner = keyOfDecision(decisionById.get(nesting.inner)!);
        return nesting.through.length === 0 ? `${outer} > ${inner}` : `${outer} > ${inner} via ${nesting.through.join(' > ')}`;
      }),
    textOf,
  };
}

/** Parses and analyses one snippet on its own (no module graph: imported keys stay dynamic). */
export function analyzeSource(code: string, options: SourceOptions = {}): Analysis {
  const program = parse(code, { range: true, loc: true, jsx: options.jsx ?? true });
  const facts = analyzeFile(program, { index: indexFor(options), test: options.test ?? false, text: code });
  const file = options.test ? '/virtual/snippet.test.tsx' : '/virtual/snippet.tsx';
  return analysisOf(code, facts, resolveFacts(file, facts, undefined));
}

/** A small project on disk, analysed file by file through the module graph, as ESLint and the scanner do. */
export interface Project {
  root: string;
  graph: ModuleGraph;
  analyze(relativePath: string): Analysis;
  cleanup(): void;
}

const TEST_FILE = /(?:\.(?:test|spec)\.[cm]?[jt]sx?$)|(?:^|\/)__tests__\//;

export function writeProject(files: Readonly<Record<string, string>>, options: DetectorOptions = {}): Project {
  const root = mkdtempSync(join(tmpdir(), 'flag-hygiene-project-'));
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  const index = indexFor(options);
  const resolveModule = createModuleResolver(root);
  const graph = new ModuleGraph({ index, resolveModule, isTestFile: (file) => TEST_FILE.test(file) });
  return {
    root,
    graph,
    analyze(relativePath) {
      // As ESLint does before each file: a module edited since counts.
      graph.lookAgain();
      const file = realpathSync(join(root, relativePath));
      const text = files[relativePath];
      if (text === undefined) throw new Error(`no file ${relativePath} in the project`);
      const jsx = !/\.[cm]?ts$/.test(relativePath);
      const facts = analyzeFile(parse(text, { range: true, loc: true, jsx }), { index, test: TEST_FILE.test(relativePath), text });
      return analysisOf(text, facts, resolveFacts(file, facts, graph));
    },
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}
