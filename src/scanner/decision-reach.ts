import type { ScannedImport } from '../detect/import-scan.js';
import type { PrefilterVerdict } from '../detect/module-texts.js';
import { Reach } from './reach.js';

export interface DecisionReachInput {
  /** Files analysed for references (they name an accessor, or import a wrapper): they may hold a flag decision. */
  analysed: ReadonlySet<string>;
  /** Scanned files that name no accessor, with their imports: a decision can be reached from them only through these. */
  unmatched: ReadonlyMap<string, readonly ScannedImport[]>;
  resolveModule: (fromFile: string, specifier: string) => string | undefined;
  /**
   * What the prefilter makes of a module outside both (one the scan does not cover, a declaration
   * file a workspace package's entry re-exports from …), read from its text. Missing: such a module
   * may reach a decision.
   */
  verdictOf?: (file: string) => PrefilterVerdict;
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
 * quarter of the modules that regions' calls reach (components that render only components). A
 * module outside the scan is judged the same way from its text (`verdictOf`): on GrowthBook, the
 * declaration files its shared workspace package's subpaths land on (`export * from
 * './src/util'`) had made every module importing one "may reach", and doubled the modules the
 * caller search parsed.
 */
export class DecisionReach {
  private readonly reach: Reach;

  constructor(private readonly input: DecisionReachInput) {
    const { analysed, unmatched, resolveModule, verdictOf } = input;
    const outside = (file: string) => !analysed.has(file) && !unmatched.has(file);
    this.reach = new Reach(
      (file) => analysed.has(file) || (outside(file) && (verdictOf?.(file).namesAccessor ?? true)),
      function* (file) {
        const imports = unmatched.get(file) ?? (outside(file) ? verdictOf?.(file).imports : undefined) ?? [];
        for (const { specifier } of imports) {
          const target = resolveModule(file, specifier);
          if (target !== undefined) yield target;
        }
      },
      input.known,
    );
  }

  /** Every answer so far, by answer: kept by the scan's cache for the next scan. */
  answers(): { yes: string[]; no: string[] } {
    return this.reach.answers();
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
    return this.reach.mayReach(file);
  }
}
