import type { ScannedImport } from '../detect/import-scan.js';
import { Reach } from './reach.js';

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
 */
export class DecisionReach {
  private readonly reach: Reach;

  constructor(private readonly input: DecisionReachInput) {
    const { analysed, unmatched, resolveModule } = input;
    this.reach = new Reach(
      (file) => analysed.has(file) || !unmatched.has(file),
      function* (file) {
        for (const { specifier } of unmatched.get(file) ?? []) {
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
