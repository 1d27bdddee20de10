import { readFileSync } from 'node:fs';
import { testFileMatcher } from '../config/globs.js';
import { analyzeFile } from '../detect/analyze.js';
import { AccessorIndex } from '../detect/match.js';
import { ModuleGraph, parseSource } from '../detect/module-graph.js';
import { createModuleResolver } from '../detect/module-resolution.js';
import { applyKeyAliases, resolveFacts, resolveKeyRef, type ResolvedReference } from '../detect/resolve.js';
import { UserError } from '../errors.js';
import { assessFlag } from '../manifest/policy.js';
import { toPosixRelative } from '../posix-path.js';
import { discoverFiles } from '../scanner/files.js';
import { scanProject, type ScanOptions } from '../scanner/scan.js';
import { readSourceText } from '../detect/source-text.js';
import { ReadBefore, removeUnusedOnce } from './cleanup.js';
import { parseWithScopes } from './fold.js';
import { removeManifestEntry } from './manifest-entry.js';
import { rewriteBase, rewriteFile, type KeepPath, type ManualSite } from './rewrite-file.js';
import { EditList, removalRange } from './text-edits.js';

export interface FileChange {
  path: string;
  relative: string;
  before: string;
  after: string;
  deletedTests: string[];
  emptyTestFile: boolean;
  /** Evaluations folded in this file. */
  folded: number;
}

export interface RemovalPlan {
  key: string;
  keep: KeepPath;
  root: string;
  changes: FileChange[];
  manual: (ManualSite & { file: string })[];
  /** The manifest's change; absent when the flag is not declared or sites still need a hand. */
  manifest?: FileChange;
}

export interface RemovalOptions extends Omit<ScanOptions, 'paths' | 'shard' | 'onProgress'> {
  key: string;
  keep?: KeepPath;
}

function keyOf(reference: ResolvedReference): string | undefined {
  return reference.key.kind === 'static' ? reference.key.key : undefined;
}

/**
 * Works out the removal of a flag without touching the disk: the new text of every file that
 * references it (and of the manifest), the test cases deleted, and any site left for a person.
 */
export async function planFlagRemoval(options: RemovalOptions): Promise<RemovalPlan> {
  const { inventory, settings, manifest } = await scanProject(options);
  const { key } = options;
  const entry = manifest?.flags.get(key);
  const referenced = inventory.references.filter((reference) => reference.key === key && !reference.dynamic);
  if (entry === undefined && referenced.length === 0) throw new UserError({ message: `remove: no flag "${key}" in the manifest or the code` });
  let keep = options.keep;
  // Nothing in the code to keep a path of: only the manifest entry goes.
  if (keep === undefined && referenced.length === 0) keep = 'off';
  if (keep === undefined) {
    const policyKeep = entry === undefined ? null : assessFlag(entry, { today: settings.today, policy: settings.policy }).keep;
    if (policyKeep === null) {
      throw new UserError({ message: `remove: the manifest does not say which path of "${key}" to keep; pass --keep on or --keep off` });
    }
    keep = policyKeep;
  }

  const root = settings.root;
  const index = new AccessorIndex(settings.accessors);
  const isTestFile = testFileMatcher(root, settings.tests);
  const graph = new ModuleGraph({ index, resolveModule: createModuleResolver(root), isTestFile });
  const declared = [...(manifest?.flags.keys() ?? [])];

  const files = [...new Set(referenced.map((reference) => reference.file))].sort();
  const changes: FileChange[] = [];
  const manual: RemovalPlan['manual'] = [];
  const wrapperNames = new Map<string, string[]>();
  for (const relative of files) {
    const path = `${root}/${relative}`;
    const before = readFileSync(path, 'utf8');
    const program = parseSource(path, before);
    const facts = analyzeFile(program, { index, test: isTestFile(path), text: before });
    const resolved = resolveFacts(path, facts, graph);
    const references = applyKeyAliases(resolved.references, declared).filter((reference) => keyOf(reference) === key);
    // The tree just analysed is the rewrite's first parse (of the text after any byte order mark).
    const rewrite = rewriteFile(path, before, references, keep, rewriteBase(path, before.replace(/^\uFEFF/, ''), program));
    for (const site of rewrite.manual) manual.push({ ...site, file: relative });
    // Exported wrappers with this flag's key: candidates for removal once nothing imports them.
    const names = Object.entries(facts.module.exports)
      .filter(([, value]) => value.kind === 'wrapper' && value.wrapper.kind === 'fixed-key' && resolveKeyRef(value.wrapper.key, path, '', graph).kind === 'static' && (resolveKeyRef(value.wrapper.key, path, '', graph) as { key: string }).key === key)
      .map(([name]) => name);
    if (names.length > 0) wrapperNames.set(path, names);
    if (rewrite.after !== before) {
      changes.push({
        path,
        relative,
        before,
        after: rewrite.after,
        deletedTests: rewrite.deletedTests,
        emptyTestFile: rewrite.emptyTestFile,
        folded: references.filter((reference) => reference.role === 'evaluate').length,
      });
    }
  }
  if (wrapperNames.size > 0) await removeUnusedWrappers(wrapperNames, changes, settings, options.cwd ?? process.cwd());

  for (const change of changes) {
    try {
      parseSource(change.path, change.after);
    } catch (error) {
      throw new UserError({ file: change.relative, message: `remove: the rewritten file would not parse (${(error as Error).message.split('\n')[0]}); nothing was changed` });
    }
  }

  const plan: RemovalPlan = { key, keep, root, changes, manual };
  if (entry !== undefined && manual.length === 0 && manifest?.path !== undefined) {
    const before = readFileSync(manifest.path, 'utf8');
    const after = removeManifestEntry(before, key);
    if (after !== undefined) {
      plan.manifest = { path: manifest.path, relative: toPosixRelative(root, manifest.path), before, after, deletedTests: [], emptyTestFile: false, folded: 0 };
    }
  }
  return plan;
}

/**
 * A fixed-key wrapper of the removed flag (`export const isNewCheckout = () => …`) goes too, once
 * no other file of the project names it.
 */
async function removeUnusedWrappers(
  wrapperNames: Map<string, string[]>,
  changes: FileChange[],
  settings: Awaited<ReturnType<typeof scanProject>>['settings'],
  cwd: string,
): Promise<void> {
  const files = discoverFiles({ root: settings.root, include: settings.include, exclude: settings.exclude, cwd });
  const changed = new Map(changes.map((change) => [change.path, change]));
  const textOf = (file: string) => {
    const change = changed.get(file);
    if (change) return change.after;
    const source = readSourceText(file);
    return source.kind === 'text' ? source.text : '';
  };
  for (const [path, names] of wrapperNames) {
    const unused = names.filter((name) => {
      const word = new RegExp(`(^|[^\\w$])${name.replace(/\$/g, '\\$')}($|[^\\w$])`);
      return files.every((file) => file === path || !word.test(textOf(file)));
    });
    if (unused.length === 0) continue;
    // As on disk (textOf drops a byte order mark): what the plan is checked against before writing.
    const current = changed.get(path)?.after ?? readFileSync(path, 'utf8');
    const before = changed.get(path)?.before ?? current;
    // Positions count from after a byte order mark (the parser drops it): work on the rest.
    const mark = current.startsWith('\uFEFF') ? '\uFEFF' : '';
    let text = current.slice(mark.length);
    // What the wrappers read may go with them; what nothing read already stays.
    let readBefore = ReadBefore.of(parseWithScopes(path, text));
    let round: EditList | undefined = removeExportedDeclarations(path, text, unused);
    for (let rounds = 0; round !== undefined && rounds < 20; rounds++) {
      readBefore = readBefore.through(round, text);
      text = round.apply(text);
      round = removeUnusedOnce(parseWithScopes(path, text), text, readBefore);
    }
    const change = changed.get(path);
    if (change) change.after = mark + text;
    else changes.push({ path, relative: toPosixRelative(settings.root, path), before, after: mark + text, deletedTests: [], emptyTestFile: false, folded: 0 });
  }
}

function removeExportedDeclarations(path: string, text: string, names: readonly string[]): EditList {
  const { program } = parseWithScopes(path, text);
  const edits = new EditList();
  for (const statement of program.body) {
    if (statement.type !== 'ExportNamedDeclaration' || statement.declaration == null) continue;
    const declaration = statement.declaration;
    const declares = (name: string) =>
      (declaration.type === 'FunctionDeclaration' && declaration.id?.name === name) ||
      (declaration.type === 'VariableDeclaration' && declaration.declarations.length === 1 && declaration.declarations[0]!.id.type === 'Identifier' && (declaration.declarations[0]!.id as { name: string }).name === name);
    if (names.some(declares)) edits.add(...removalRange(text, statement.range[0], statement.range[1]), '');
  }
  return edits;
}
