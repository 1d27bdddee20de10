import { scanCalledImports, type ScannedImport } from './import-scan.js';
import type { AccessorIndex } from '../patterns/index.js';
import type { ModuleGraph } from './module-graph.js';

/**
 * Whether a file can hold a flag reference, decided from its text: it names an accessor, or it
 * calls a binding imported from a module that exports a wrapper. Files that fail this have no
 * references, so ESLint skips them. Only called bindings count: a class only constructed or a value
 * only passed on cannot be a wrapper call, and following such imports had ESLint read and parse
 * much of a project a second time. (The scanner asks `importsAWrapper` of every import it cached:
 * it may analyse a file more, and finds the same references.)
 */
export function needsAnalysis(file: string, text: string, index: AccessorIndex, graph: ModuleGraph | undefined): boolean {
  if (index.mayMatch(text)) return true;
  return (
    graph !== undefined &&
    importsAWrapper(
      file,
      // Which bindings the text calls is asked only of imports that may bring in a wrapper (most
      // files have none): the uses of every imported binding are the costly part of the scan.
      scanCalledImports(text, (specifier) => graph.mayImportWrapper(file, specifier)),
      graph,
    )
  );
}

/** The second half of the test, on imports already read from the text. */
export function importsAWrapper(file: string, imports: readonly ScannedImport[], graph: ModuleGraph): boolean {
  return imports.some((scanned) => graph.importsWrapper(file, scanned));
}
