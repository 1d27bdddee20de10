import { testFileMatcher } from '../config/globs.js';
import { analyzeFile } from '../detect/analyze.js';
import type { Location } from '../detect/facts.js';
import { AccessorIndex } from '../patterns/index.js';
import { ModuleGraph } from '../detect/module-graph.js';
import { parseSourceEstree } from '../detect/parse-source.js';
import { createModuleResolver } from '../detect/module-resolution.js';
import { camelCaseKey } from '../detect/key-case.js';
import { applyKeyAliases, resolveFacts, resolveKeyRef, type ResolvedReference } from '../detect/resolve.js';
import { UserError } from '../errors.js';
import { assessFlag } from '../manifest/policy.js';
import { toPosixRelative } from '../posix-path.js';
import type { CacheWarning } from '../scanner/cache-folder.js';
import { discoverFiles } from '../scanner/files.js';
import { scanProject, type ScanOptions } from '../scanner/scan.js';
import { readSourceText } from '../detect/source-text.js';
import { componentFormatOf } from '../sfc/components.js';
import { ReadBefore, removeUnusedOnce } from './cleanup.js';
import { parseWithScopes } from './fold.js';
import { findProjectFormatter, formatFiles, type Formatting } from './format.js';
import { removeManifestEntry } from './manifest-entry.js';
import { readPlannedText } from './planned-text.js';
import { rewriteBase, rewriteFile, type KeptBranch, type ManualSite } from './rewrite-file.js';
import { EditList, removalRange } from './text-edits.js';
import type { UnusedParameter } from './unused-parameters.js';
import { verifyRemoval, type TypeCheck } from './verify.js';

export interface FileChange {
  path: string;
  relative: string;
  before: string;
  /** The digest of the bytes `before` was read from (see contentDigest). */
  beforeDigest: string;
  after: string;
  deletedTests: string[];
  emptyTestFile: boolean;
  /** Evaluations folded in this file. */
  folded: number;
}

export interface RemovalPlan {
  key: string;
  keep: KeptBranch;
  root: string;
  changes: FileChange[];
  manual: (ManualSite & { file: string })[];
  /** The manifest's change; absent when the flag is not declared or sites still need a hand. */
  manifest?: FileChange;
  /** The touched files type-checked before and after (absent with `verify: false`). */
  typeCheck?: TypeCheck;
  /** What was wrong with the scan's cache (see ScanResult). */
  cacheWarnings: CacheWarning[];
  /** Parameters the removal left unused: removed, or left for a person (none with `verify: false`). */
  parameters: UnusedParameter[];
  /**
   * Strings holding the key left in the code that are not reads the codemod recognises (a test
   * mock's `case 'new-nav':`, a fixture): the flag is gone, so a person should look at them.
   */
  mentions: { file: string; line: number; column: number }[];
  /** The project's formatter run over the touched files (no formatter: none configured, or `format: false`). */
  formatting: Formatting;
}

export interface RemovalOptions extends Omit<ScanOptions, 'paths' | 'shard' | 'onProgress'> {
  key: string;
  keep?: KeptBranch;
  /** Type-check the touched files before and after (default true). */
  verify?: boolean;
  /** Format the touched files with the project's own formatter, when it has one configured (default true). */
  format?: boolean;
}

function staticKeyOf(reference: ResolvedReference): string | undefined {
  return reference.key.kind === 'static' ? reference.key.key : undefined;
}

/**
 * Works out the removal of a flag without touching the disk: the new text of every file that
 * references it (and of the manifest), the test cases deleted, and any site left for a person.
 */
export async function planFlagRemoval(options: RemovalOptions): Promise<RemovalPlan> {
  const { inventory, settings, manifest, cacheWarnings } = await scanProject(options);
  const { key } = options;
  const entry = manifest?.flags.get(key);
  const referenced = inventory.references.filter((reference) => reference.key === key && !reference.dynamic);
  if (entry === undefined && referenced.length === 0)
    throw new UserError({ message: `remove: no flag "${key}" in the manifest or the code` });
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
  const index = new AccessorIndex(settings.accessors, root);
  const isTestFile = testFileMatcher(root, settings.tests);
  const graph = new ModuleGraph({ index, resolveModule: createModuleResolver(root), isTestFile });
  const declared = [...(manifest?.flags.keys() ?? [])];

  const files = [...new Set(referenced.map((reference) => reference.file))].sort();
  const changes: FileChange[] = [];
  const manual: RemovalPlan['manual'] = [];
  const wrapperNames = new Map<string, string[]>();
  for (const relative of files) {
    const path = `${root}/${relative}`;
    // The scanner reads a component's scripts and template expressions; rewriting them in place
    // is not done: each read is left for a person (and the manifest entry stays).
    if (componentFormatOf(relative) !== undefined) {
      for (const reference of referenced.filter((candidate) => candidate.file === relative)) {
        const loc = { line: reference.line, column: reference.column, endLine: reference.endLine, endColumn: reference.endColumn };
        manual.push({ loc, reason: 'is in a single-file component, which remove does not rewrite: change it by hand', file: relative });
      }
      continue;
    }
    const { text: before, digest: beforeDigest } = readPlannedText(path);
    const first = referenced.find((reference) => reference.file === relative);
    const { facts, references, rewrite } = whileWorkingOn(relative, first, () => {
      const program = parseSourceEstree(path, before);
      const facts = analyzeFile(program, { index: index.forFile(path), test: isTestFile(path), text: before });
      const resolved = resolveFacts(path, facts, graph);
      const references = applyKeyAliases(resolved.references, declared).filter((reference) => staticKeyOf(reference) === key);
      // The tree just analysed is the rewrite's first parse (of the text after any byte order mark).
      const rewrite = rewriteFile(path, before, references, keep!, rewriteBase(path, before.replace(/^\uFEFF/, ''), program), {
        test: isTestFile(path),
      });
      return { facts, references, rewrite };
    });
    for (const site of rewrite.manual) manual.push({ ...site, file: relative });
    // Exported wrappers with this flag's key: candidates for removal once nothing imports them.
    const names = Object.entries(facts.module.exports)
      .filter(
        ([, value]) =>
          value.kind === 'wrapper' &&
          value.wrapper.kind === 'fixed-key' &&
          resolveKeyRef(value.wrapper.key, path, '', graph).kind === 'static' &&
          (resolveKeyRef(value.wrapper.key, path, '', graph) as { key: string }).key === key,
      )
      .map(([name]) => name);
    if (names.length > 0) wrapperNames.set(path, names);
    if (rewrite.after !== before) {
      changes.push({
        path,
        relative,
        before,
        beforeDigest,
        after: rewrite.after,
        deletedTests: rewrite.deletedTests,
        emptyTestFile: rewrite.emptyTestFile,
        folded: references.filter((reference) => reference.role === 'evaluate').length,
      });
    }
  }
  if (wrapperNames.size > 0) await removeUnusedWrappers(wrapperNames, changes, settings, options.cwd ?? process.cwd());

  // The manifest entry goes only when nothing reads the flag any more: what the rewrite left, and
  // reads of the key's camelCase spelling the detector does not recognise, are sites for a person.
  for (const change of changes) {
    const left = whileWorkingOn(change.relative, undefined, () => {
      const text = change.after.replace(/^\uFEFF/, '');
      const facts = analyzeFile(parseSourceEstree(change.path, text), {
        index: index.forFile(change.path),
        test: isTestFile(change.path),
        text,
      });
      return applyKeyAliases(resolveFacts(change.path, facts, graph).references, declared).filter(
        (reference) => staticKeyOf(reference) === key,
      );
    });
    for (const reference of left)
      manual.push({ loc: reference.loc, reason: 'the flag is still read here after the rewrite', file: change.relative });
  }
  // SDKs that hand flags out as camelCased properties (LaunchDarkly's useFlags()) are read in more ways than a pattern says.
  const spelling = settings.accessors.some((accessor) => accessor.keyCase === 'camelCase') ? camelCaseKey(key) : undefined;
  const mentions: RemovalPlan['mentions'] = [];
  const changed = new Map(changes.map((change) => [change.path, change.after]));
  for (const path of discoverFiles({ root, include: settings.include, exclude: settings.exclude, cwd: options.cwd ?? process.cwd() })) {
    const source = changed.has(path) ? undefined : readSourceText(path);
    const text = changed.get(path) ?? (source?.kind === 'text' ? source.text : '');
    const relative = toPosixRelative(root, path);
    const isSite = (loc: Location) => manual.some((site) => site.file === relative && site.loc.line === loc.line);
    for (const loc of spelling === undefined ? [] : propertyMentions(text, spelling)) {
      if (!isSite(loc))
        manual.push({
          loc,
          reason: `"${spelling}" is still read here, in a way the codemod does not recognise as the flag`,
          file: relative,
        });
    }
    for (const loc of keyStrings(text, key)) if (!isSite(loc)) mentions.push({ file: relative, line: loc.line, column: loc.column });
  }

  // Formatted before the type check, so the positions of the diagnostics it lists are those of the text written.
  const formatter = options.format === false ? undefined : await findProjectFormatter(root);
  const formatting: Formatting =
    formatter === undefined ? { formatted: [], notFormattedBefore: [], warnings: [] } : await formatFiles(formatter, changes);
  let verification: ReturnType<typeof verifyRemoval> | undefined;
  if (options.verify !== false) {
    const formatted = changes.map((change) => change.after);
    verification = verifyRemoval(root, changes);
    // A parameter removed by the check changed the text again: format it once more.
    const changedAgain = changes.filter(
      (change, index) => change.after !== formatted[index] && formatting.formatted.includes(change.relative),
    );
    if (formatter !== undefined && changedAgain.length > 0)
      formatting.warnings.push(...(await formatFiles(formatter, changedAgain)).warnings);
  }
  for (const change of changes) {
    try {
      parseSourceEstree(change.path, change.after);
    } catch (error) {
      throw new UserError({
        file: change.relative,
        message: `remove: the rewritten file would not parse (${(error as Error).message.split('\n')[0]}); nothing was changed`,
      });
    }
  }

  const plan: RemovalPlan = {
    key,
    keep,
    root,
    changes,
    manual,
    cacheWarnings,
    parameters: verification?.parameters ?? [],
    formatting,
    mentions,
  };
  if (verification !== undefined) plan.typeCheck = verification.typeCheck;
  if (entry !== undefined && manual.length === 0 && manifest?.path !== undefined) {
    const { text: before, digest: beforeDigest } = readPlannedText(manifest.path);
    const after = removeManifestEntry(before, key);
    if (after !== undefined) {
      plan.manifest = {
        path: manifest.path,
        relative: toPosixRelative(root, manifest.path),
        before,
        beforeDigest,
        after,
        deletedTests: [],
        emptyTestFile: false,
        folded: 0,
      };
    }
  }
  return plan;
}

/**
 * Where a text reads a property named `name`: `.name`, `?.name`, or `{ name }` / `{ name: … }` in a
 * destructuring pattern (an object literal's key is not a read).
 */
function propertyMentions(text: string, name: string): Location[] {
  const escaped = name.replace(/[$]/g, '\\$');
  const found: Location[] = [];
  const pattern = new RegExp(`(?:\\?\\.|\\.)(${escaped})(?![\\w$])|[{,]\\s*(${escaped})\\s*(?=[,}=:])`, 'g');
  for (const match of text.matchAll(pattern)) {
    const at = match.index + match[0].lastIndexOf(name);
    // A destructuring pattern is followed by `=` after its closing brace; an object literal is not.
    if (match[2] !== undefined && !/^[^;]*?}\s*=[^=>]/.test(text.slice(at))) continue;
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    const line = text.slice(0, at).split('\n').length;
    found.push({ line, column: at - lineStart + 1, endLine: line, endColumn: at - lineStart + 1 + name.length });
  }
  return found;
}

/** Where a text holds the key as a whole string literal (`'key'`, `"key"` or a template without expressions). */
function keyStrings(text: string, key: string): Location[] {
  if (!text.includes(key)) return [];
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const found: Location[] = [];
  for (const match of text.matchAll(new RegExp(`(['"\`])${escaped}\\1`, 'g'))) {
    const lineStart = text.lastIndexOf('\n', match.index - 1) + 1;
    const line = text.slice(0, match.index).split('\n').length;
    const column = match.index - lineStart + 1;
    found.push({ line, column, endLine: line, endColumn: column + match[0].length });
  }
  return found;
}

/**
 * Runs one step of planning on one file. A failure that is not the user's (a bug of the codemod)
 * still names the file and the position it was working on, and says that nothing was written:
 * planning never writes, so the tree is as it was.
 */
function whileWorkingOn<T>(relative: string, at: { line: number; column: number } | undefined, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof UserError) throw error;
    const where = at === undefined ? relative : `${relative}:${at.line}:${at.column}`;
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new Error(`remove: failed while rewriting ${where} (${reason}); nothing was changed`, { cause: error });
  }
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
    whileWorkingOn(toPosixRelative(settings.root, path), undefined, () => {
      const change = changed.get(path);
      // As on disk (textOf drops a byte order mark): what the plan is checked against before writing.
      const original = change === undefined ? readPlannedText(path) : { text: change.before, digest: change.beforeDigest };
      const current = change?.after ?? original.text;
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
      if (change) change.after = mark + text;
      else
        changes.push({
          path,
          relative: toPosixRelative(settings.root, path),
          before: original.text,
          beforeDigest: original.digest,
          after: mark + text,
          deletedTests: [],
          emptyTestFile: false,
          folded: 0,
        });
    });
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
      (declaration.type === 'VariableDeclaration' &&
        declaration.declarations.length === 1 &&
        declaration.declarations[0]!.id.type === 'Identifier' &&
        (declaration.declarations[0]!.id as { name: string }).name === name);
    if (names.some(declares)) edits.add(...removalRange(text, statement.range[0], statement.range[1]), '');
  }
  return edits;
}
