import type { ExportedValue, ModuleSummary } from '../detect/facts.js';
import type { ScannedImport } from '../detect/import-scan.js';
import { exportAskedFor, functionKey, type FunctionKey } from './cross-nesting.js';
import { Reach } from './reach.js';

export interface CandidateExportsInput {
  candidates: ReadonlySet<FunctionKey>;
  /** The files that define the candidates. */
  candidateFiles: ReadonlySet<string>;
  /** Whether a file's facts are at hand (then its summary is read; otherwise its text). */
  known: (file: string) => boolean;
  /** The summary of a file whose facts are at hand. */
  moduleOf: (file: string) => ModuleSummary | undefined;
  /** The imports a file may hand on (scanPassedOnImports of its text); undefined when it cannot be read. */
  passedOnImports: (file: string) => readonly ScannedImport[] | undefined;
  resolveModule: (fromFile: string, specifier: string) => string | undefined;
}

/** A module's export, for a module whose summary is read: `file`, a NUL, the export's name (`*`: any). */
const exportNode = (file: string, name: string) => `${file}\0${name}`;

/**
 * Whether an import may bring in one of a caller search's candidate functions, or an object or
 * namespace that holds one, decided before anything is parsed. A module whose facts are at hand
 * answers from its summary, export by export: a candidate itself, an object holding one, or an
 * import it re-exports, followed on. Any other module, from its text: it may hand on what its
 * imports bring (re-export it, or write it into a value), and nothing else it exports is another
 * module's function. One that cannot be read may bring in anything. On GrowthBook, most modules
 * that import a component a region renders render it too, and export their own: the module graph
 * parsed each of them to learn that.
 */
export class CandidateExports {
  private readonly reach: Reach;
  private readonly passedOn = new Map<string, readonly ScannedImport[] | undefined>();

  constructor(private readonly input: CandidateExportsInput) {
    this.reach = new Reach(
      (node) => this.holds(node),
      (node) => this.next(node),
    );
  }

  /** Whether `name` (`*`: any export) imported from `specifier` in `fromFile` may be or hold a candidate. */
  mayExport(fromFile: string, specifier: string, name: string): boolean {
    const module = this.input.resolveModule(fromFile, specifier);
    return module !== undefined && this.reach.mayReach(this.nodeOf(module, name));
  }

  private nodeOf(file: string, name: string): string {
    return this.input.known(file) ? exportNode(file, name) : file;
  }

  private passedOnImports(file: string): readonly ScannedImport[] | undefined {
    if (!this.passedOn.has(file)) this.passedOn.set(file, this.input.passedOnImports(file));
    return this.passedOn.get(file);
  }

  /** The values a read module exports as `name` (`*`: all), and its summary. */
  private exported(node: string): { file: string; name: string; summary: ModuleSummary | undefined; values: ExportedValue[] } {
    const split = node.indexOf('\0');
    const file = node.slice(0, split);
    const name = node.slice(split + 1);
    const summary = this.input.moduleOf(file);
    const values =
      summary === undefined ? [] : name === '*' ? Object.values(summary.exports) : [summary.exports[name]].filter((v) => v !== undefined);
    return { file, name, summary, values };
  }

  private holds(node: string): boolean {
    if (!node.includes('\0')) return this.input.candidateFiles.has(node) || this.passedOnImports(node) === undefined;
    const { file, summary, values } = this.exported(node);
    const isCandidate = (value: ExportedValue): boolean =>
      value.kind === 'object'
        ? Object.values(value.entries).some(isCandidate)
        : (value.kind === 'function' || value.kind === 'wrapper') &&
          value.functionId !== undefined &&
          this.input.candidates.has(functionKey(file, value.functionId));
    return summary === undefined || values.some(isCandidate);
  }

  private *next(node: string): Iterable<string> {
    const { resolveModule } = this.input;
    const at = (file: string, specifier: string, name: string) => {
      const module = resolveModule(file, specifier);
      return module === undefined ? [] : [this.nodeOf(module, name)];
    };
    if (!node.includes('\0')) {
      for (const { specifier, names } of this.passedOnImports(node) ?? []) for (const name of names) yield* at(node, specifier, name);
      return;
    }
    const { file, name, summary, values } = this.exported(node);
    const imported = (value: ExportedValue): Extract<ExportedValue, { kind: 'imported' }>[] =>
      value.kind === 'object' ? Object.values(value.entries).flatMap(imported) : value.kind === 'imported' ? [value] : [];
    for (const value of values.flatMap(imported)) yield* at(file, value.source, exportAskedFor(value));
    // A name the module does not export itself may come from a module it exports whole (never `default`).
    if (name === '*' || (values.length === 0 && name !== 'default'))
      for (const source of summary?.exportAll ?? []) yield* at(file, source, name);
  }
}
