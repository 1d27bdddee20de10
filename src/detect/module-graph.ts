import { analyzeFile } from './analyze.js';
import { detached } from './detached.js';
import type { CandidateArgument, ExportedValue, ImportedName, ModuleSummary, WrapperSpec } from './facts.js';
import type { ScannedImport } from './import-scan.js';
import type { AccessorIndex } from '../patterns/index.js';
import type { ModuleFactsCache } from './module-facts-cache.js';
import type { ResolveModule } from './module-resolution.js';
import { parseSource } from './parse-source.js';
import { ModuleTexts, type PrefilterVerdict } from './module-texts.js';
import { sameStamp, type FileStamp } from '../file-stamp.js';

/** A wrapper function found in another module, ready to apply at a call site. */
export type ResolvedWrapper = Exclude<WrapperSpec, { kind: 'forward' } | { kind: 'fixed-call' }> & { file: string };

export interface ModuleGraphOptions {
  index: AccessorIndex;
  resolveModule: ResolveModule;
  isTestFile: (file: string) => boolean;
  /**
   * The module summary (exports) of a file whose facts the caller already has (the scanner's):
   * all the graph reads of another module. Otherwise the graph parses the file itself.
   */
  knownModule?: (file: string) => ModuleSummary | undefined;
  /**
   * The text prefilter's verdict on a file, when the caller already read it (the scanner reads
   * every file once): whether it names an accessor, and its imports. Saves reading it again.
   */
  knownPrefilter?: (file: string) => PrefilterVerdict | undefined;
  /** Told of every module whose text the graph reads. */
  onRead?: (file: string) => void;
  /** Facts already known by path and text (ESLint's, or an earlier graph's): a module found there is not parsed. */
  factsCache?: ModuleFactsCache;
}

const MAX_HOPS = 16;

/**
 * Other modules, as the detector needs them: their exported keys and wrapper functions.
 * Modules are parsed lazily and at most once per content; a module is inspected for wrappers only
 * when its text names an accessor or it imports a wrapper from a module that does, so a lint run
 * does not parse the whole project a second time. ESLint and the scanner use this same graph, so
 * they follow the same imports to the same answers.
 */
export class ModuleGraph {
  private readonly wrapperCapable = new Map<string, boolean>();

  constructor(
    private readonly options: ModuleGraphOptions,
    private readonly modules = new Map<string, { stamp: FileStamp; module: ModuleSummary | null }>(),
    private readonly texts = new ModuleTexts({
      namesAccessor: (text) => options.index.mayMatch(text),
      ...(options.onRead === undefined ? {} : { onRead: options.onRead }),
    }),
  ) {}

  /**
   * A graph that forgets what it concluded (which modules may export a wrapper, how imports
   * resolved, through `resolveModule`) but keeps what it learnt of each module's text, and its
   * summary, by stamp, so that nothing unchanged on disk is read or parsed again for that. Only for
   * ESLint, which looks again before each file (`lookAgain`): an editor renews its graph after each idle pause.
   */
  renewed(resolveModule: ResolveModule): ModuleGraph {
    return new ModuleGraph({ ...this.options, resolveModule }, this.modules, this.texts.lookAgain());
  }

  /**
   * Files are looked at again from now on: a module's text or summary asked for next is checked
   * against its stamp once more. ESLint asks before each file it lints; until then, every question
   * takes the stamp it took first (ModuleTexts.stampOf).
   */
  lookAgain(): void {
    this.texts.lookAgain();
  }

  /** What another module exports (known to the caller, or parsed here); undefined if it cannot be read or parsed. */
  private moduleOf(file: string): ModuleSummary | undefined {
    return this.options.knownModule?.(file) ?? this.summaryOf(file);
  }

  /** What another module exports, found here; undefined if it cannot be read or parsed. */
  private summaryOf(file: string): ModuleSummary | undefined {
    const stamp = this.texts.stampOf(file);
    if (stamp === null) return undefined;
    const cached = this.modules.get(file);
    if (cached !== undefined && sameStamp(cached.stamp, stamp)) {
      this.texts.release(file);
      return cached.module ?? undefined;
    }
    const text = this.texts.text(file, stamp);
    let module: ModuleSummary | null = null;
    if (text !== undefined) {
      const { factsCache } = this.options;
      module = factsCache?.moduleOf(file, text) ?? null;
      try {
        if (module === null) {
          const facts = analyzeFile(parseSource(file, text), {
            index: this.options.index.forFile(file),
            test: this.options.isTestFile(file),
            text,
          });
          factsCache?.set(file, text, facts, true);
          module = detached(facts.module);
        }
      } catch {
        module = null;
      }
    }
    this.modules.set(file, { stamp, module });
    this.texts.release(file);
    return module ?? undefined;
  }

  /** Whether an import may land in the project at all (not a package no alias maps), without resolving it. */
  mayReachProject(fromFile: string, specifier: string): boolean {
    return this.options.resolveModule.mayReachProject?.(fromFile, specifier) ?? true;
  }

  /**
   * Whether an import may bring in a wrapper at all: it lands in the project, on a module that may
   * export one (decided from texts). The few imports that pass are then looked at name by name.
   */
  mayImportWrapper(fromFile: string, specifier: string): boolean {
    return this.mayReachProject(fromFile, specifier) && this.wrapperCapableTarget(fromFile, specifier) !== undefined;
  }

  /** The module an import lands on, when it may export a wrapper (one resolution and one cached answer). */
  private wrapperCapableTarget(fromFile: string, specifier: string): string | undefined {
    const target = this.resolveModule(fromFile, specifier);
    return target !== undefined && this.mayExportWrapper(target) ? target : undefined;
  }

  resolveModule(fromFile: string, specifier: string): string | undefined {
    return this.options.resolveModule(fromFile, specifier);
  }

  /** What `name` (then `path`) exported by `source`, imported from `fromFile`, is; follows re-exports. */
  resolveExport(fromFile: string, imported: ImportedName, hops = 0): { value: ExportedValue; file: string } | undefined {
    return this.findExport(fromFile, imported, hops, false);
  }

  /**
   * `resolveExport`; with `wrappersOnly`, modules that cannot export a wrapper (by their text) are
   * not read on the way: a wrapper never comes out of them, and a re-exporting index module would
   * otherwise have every module it re-exports parsed.
   */
  private findExport(
    fromFile: string,
    imported: ImportedName,
    hops: number,
    wrappersOnly: boolean,
  ): { value: ExportedValue; file: string } | undefined {
    if (hops > MAX_HOPS) return undefined;
    if (imported.name === '*') {
      // A member of a namespace (`ns.KEY`): the module's export of that name.
      const [name, ...rest] = imported.path;
      return name === undefined
        ? undefined
        : this.findExport(fromFile, { source: imported.source, name, path: rest }, hops + 1, wrappersOnly);
    }
    const file = this.resolveModule(fromFile, imported.source);
    if (file === undefined || this.texts.surelyLacksExport(file, imported.name) || (wrappersOnly && !this.mayExportWrapper(file)))
      return undefined;
    const module = this.moduleOf(file);
    if (module === undefined) return undefined;
    const value: ExportedValue | undefined = module.exports[imported.name];
    if (value === undefined && imported.name !== 'default') {
      for (const source of module.exportAll) {
        const found = this.findExport(file, { source, name: imported.name, path: [] }, hops + 1, wrappersOnly);
        if (found !== undefined) return this.descend(found, imported.path, hops + 1, wrappersOnly);
      }
      return undefined;
    }
    if (value === undefined) return undefined;
    if (value.kind === 'imported') {
      if (value.name === '*') {
        const [name, ...rest] = imported.path;
        // The namespace itself (`export * as all`): the caller descends into it.
        if (name === undefined) return { value, file };
        return this.findExport(file, { source: value.source, name, path: [...value.path, ...rest] }, hops + 1, wrappersOnly);
      }
      return this.findExport(
        file,
        { source: value.source, name: value.name, path: [...value.path, ...imported.path] },
        hops + 1,
        wrappersOnly,
      );
    }
    return this.descend({ value, file }, imported.path, hops + 1, wrappersOnly);
  }

  private descend(
    found: { value: ExportedValue; file: string },
    path: readonly string[],
    hops: number,
    wrappersOnly: boolean,
  ): { value: ExportedValue; file: string } | undefined {
    let current = found;
    for (let i = 0; i < path.length; i++) {
      const value = current.value;
      if (value.kind === 'imported') {
        return this.findExport(
          current.file,
          { source: value.source, name: value.name, path: [...value.path, ...path.slice(i)] },
          hops + 1,
          wrappersOnly,
        );
      }
      if (value.kind !== 'object') return undefined;
      const entry = value.entries[path[i]!];
      if (entry === undefined) return undefined;
      current = { value: entry, file: current.file };
    }
    if (current.value.kind === 'imported') {
      const value = current.value;
      return this.findExport(current.file, { source: value.source, name: value.name, path: value.path }, hops + 1, wrappersOnly);
    }
    return current;
  }

  /** The string an imported key names, if the module graph can tell. */
  resolveImportedKey(fromFile: string, imported: ImportedName): string | undefined {
    const found = this.resolveExport(fromFile, imported);
    return found?.value.kind === 'string' ? found.value.value : undefined;
  }

  /** The modules asked so far whether they may export a wrapper, by answer (for the scanner's cache). */
  wrapperVerdicts(): { capable: string[]; incapable: string[] } {
    const verdicts = { capable: [] as string[], incapable: [] as string[] };
    for (const [file, capable] of this.wrapperCapable) (capable ? verdicts.capable : verdicts.incapable).push(file);
    return verdicts;
  }

  /**
   * Takes answers of an earlier `wrapperVerdicts` as known: the scanner does when nothing they
   * depend on changed (the texts and folders the widening pass read), so a warm scan does not
   * follow every import of the project again, and answers as the cold scan did.
   */
  knowWrapperVerdicts({ capable, incapable }: { capable: readonly string[]; incapable: readonly string[] }): void {
    for (const file of incapable) this.wrapperCapable.set(file, false);
    for (const file of capable) this.wrapperCapable.set(file, true);
  }

  /** What the text prefilter makes of a module: as the caller knows it, else from its text (nothing for one that cannot be read). */
  prefilterVerdict(file: string): PrefilterVerdict {
    return this.options.knownPrefilter?.(file) ?? this.texts.verdict(file);
  }

  /**
   * Whether a module may export a wrapper, decided from text alone: it names an accessor, or it
   * imports a name that a wrapper-capable module exports as a wrapper.
   */
  private mayExportWrapper(file: string): boolean {
    const known = this.wrapperCapable.get(file);
    if (known !== undefined) return known;
    // Provisionally false: an import cycle back to this file adds nothing.
    this.wrapperCapable.set(file, false);
    const verdict = this.prefilterVerdict(file);
    let capable = verdict.namesAccessor;
    for (const scanned of capable ? [] : verdict.imports) {
      if (this.importsWrapper(file, scanned)) {
        capable = true;
        break;
      }
    }
    this.wrapperCapable.set(file, capable);
    return capable;
  }

  /** Whether an import (as scanned from text) brings in a wrapper. */
  importsWrapper(fromFile: string, scanned: ScannedImport): boolean {
    // Most imports come from modules that name no accessor: one resolution and one cached answer.
    if (this.wrapperCapableTarget(fromFile, scanned.specifier) === undefined) return false;
    const names = scanned.names.includes('*') ? this.exportNames(fromFile, scanned.specifier) : scanned.names;
    return names.some((name) => this.isWrapperExport(fromFile, { source: scanned.specifier, name, path: [] }));
  }

  private exportNames(fromFile: string, specifier: string): string[] {
    const target = this.wrapperCapableTarget(fromFile, specifier);
    return target === undefined ? [] : Object.keys(this.moduleOf(target)?.exports ?? {});
  }

  private isWrapperExport(fromFile: string, imported: ImportedName): boolean {
    if (this.wrapperOf(fromFile, imported) !== undefined) return true;
    if (this.wrapperCapableTarget(fromFile, imported.source) === undefined) return false;
    const found = this.findExport(fromFile, imported, 0, true);
    return found?.value.kind === 'object' && Object.values(found.value.entries).some((entry) => entry.kind === 'wrapper');
  }

  /** The wrapper an imported callee is, if it is one; forwarding wrappers are followed to their end. */
  wrapperOf(fromFile: string, callee: ImportedName, hops = 0): ResolvedWrapper | undefined {
    if (hops > MAX_HOPS || this.wrapperCapableTarget(fromFile, callee.source) === undefined) return undefined;
    const found = this.findExport(fromFile, callee, 0, true);
    if (found === undefined || found.value.kind !== 'wrapper') return undefined;
    const spec = found.value.wrapper;
    if (spec.kind === 'key-param' || spec.kind === 'fixed-key') return { ...spec, file: found.file };
    if (spec.kind === 'forward') {
      for (const { target, argument } of spec.targets) {
        const inner = this.wrapperOf(found.file, target, hops + 1);
        if (inner?.kind === 'key-param' && inner.param === argument)
          return { ...inner, param: spec.param, name: spec.name, file: found.file };
      }
      return undefined;
    }
    const inner = this.wrapperOf(found.file, spec.target, hops + 1);
    return inner === undefined ? undefined : fixedCallKey(spec, inner, found.file);
  }
}

/**
 * What a fixed call (`() => isOn('x')`, in `file`) evaluates, once the called wrapper is known:
 * the key it passes, or the key the called function fixes itself.
 */
export function fixedCallKey(
  spec: { args: readonly CandidateArgument[]; negated: boolean; name: string },
  inner: ResolvedWrapper,
  file: string,
): ResolvedWrapper | undefined {
  if (inner.kind === 'fixed-key') return { ...inner, negated: inner.negated !== spec.negated, name: spec.name };
  const argument = spec.args[inner.param];
  if (argument === undefined || argument.kind === 'parameter' || inner.role !== 'evaluate') return undefined;
  return { kind: 'fixed-key', key: argument, negated: inner.negated !== spec.negated, valueKind: inner.valueKind, name: spec.name, file };
}
