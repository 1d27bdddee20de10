import { scanImports, type ScannedImport } from './import-scan.js';
import type { AccessorIndex } from '../patterns/index.js';
import type { ModuleGraph } from './module-graph.js';

/**
 * Whether a file can hold a flag reference, decided from its text: it names an accessor, or it
 * imports from a module that exports a wrapper. Files that fail this have no references, so both
 * front-ends skip them (the scanner without even parsing them).
 */
export function needsAnalysis(file: string, text: string, index: AccessorIndex, graph: ModuleGraph | undefined): boolean {
  if (index.mayMatch(text)) return true;
  return graph !== undefined && importsAWrapper(file, scanImports(text), graph);
}

/** The second half of the test, on imports already read from the text. */
export function importsAWrapper(file: string, imports: readonly ScannedImport[], graph: ModuleGraph): boolean {
  return imports.some((scanned) => graph.importsWrapper(file, scanned));
}
