import type { ScannedImport } from '../detect/import-scan.js';

export interface DecisionReachInput {
  /** Files analysed for references (they name an accessor, or import a wrapper): they may hold a flag decision. */
  analysed: ReadonlySet<string>;
  /** Scanned files that name no accessor, with their imports: a decision can be reached from them only through these. */
  unmatched: ReadonlyMap<string, readonly ScannedImport[]>;
  resolveModule: (fromFile: string, specifier: string) => string | undefined;
  /** Answers already known (an earlier scan's, while they hold). */
  known?: { yes: readonly string[]; no: readonly string[] };
}

/**
 * Whether following calls into a module can ever reach a flag decision: the module may hold one, or
 * imports (however many modules away) one that may. Only files analysed for references hold a
 * reference, and so a decision (src/detect/needs-analysis.ts); a scanned file that names no
 * accessor reaches other modules only through the imports read from its text, which name every
 * module whose functions its code can call or re-export (scanImports). So the call follower need
 * not analyse a module outside this set, nor anything behind it: on GrowthBook's front end, a
 * quarter of the modules that regions' calls reach (components that render only components). What
 * is not known so (a module outside the scan, or one the scan skipped) may reach one.
 *
 * Asked module by module, as the follower goes: a depth-first walk of the imports stops at the
 * first module that may hold a decision, and a walk that finds none settles every module it saw.
 */
export class DecisionReach {
  private readonly reaches = new Map<string, boolean>();

  constructor(private readonly input: DecisionReachInput) {
    for (const file of input.known?.yes ?? []) this.reaches.set(file, true);
    for (const file of input.known?.no ?? []) this.reaches.set(file, false);
  }

  /** Every answer so far, by answer: kept by the scan's cache for the next scan. */
  answers(): { yes: string[]; no: string[] } {
    const answers = { yes: [] as string[], no: [] as string[] };
    for (const [file, reaches] of this.reaches) (reaches ? answers.yes : answers.no).push(file);
    return answers;
  }

  /**
   * Whether an import may lead to a decision: it lands on a module that may reach one. The call
   * follower, the caller search and the caller index ask this of each import they would follow.
   */
  throughImport(fromFile: string, specifier: string): boolean {
    const module = this.input.resolveModule(fromFile, specifier);
    return module !== undefined && this.mayReach(module);
  }

  mayReach(file: string): boolean {
    const known = this.reaches.get(file);
    if (known !== undefined) return known;
    // Each module seen, with the one whose import led to it.
    const from = new Map<string, string | undefined>([[file, undefined]]);
    const stack = [file];
    while (stack.length > 0) {
      const current = stack.pop()!;
      if (this.mayHold(current) || this.reaches.get(current) === true) {
        // The modules on the way here reach it too.
        for (let on: string | undefined = current; on !== undefined; on = from.get(on)) this.reaches.set(on, true);
        return true;
      }
      for (const { specifier } of this.input.unmatched.get(current) ?? []) {
        const target = this.input.resolveModule(current, specifier);
        if (target === undefined || from.has(target) || this.reaches.get(target) === false) continue;
        from.set(target, current);
        stack.push(target);
      }
    }
    // Nothing any of them imports may hold one.
    for (const seen of from.keys()) this.reaches.set(seen, false);
    return false;
  }

  private mayHold(file: string): boolean {
    return this.input.analysed.has(file) || !this.input.unmatched.has(file);
  }
}
