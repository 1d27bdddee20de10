import { applyKeyAliases, resolveFacts, type ResolvedFacts } from '../detect/resolve.js';
import type { ModuleGraph } from '../detect/module-graph.js';
import type { Manifest } from '../manifest/types.js';
import type { FileResults } from './file-results.js';
import { KeyTypes, typedKeys } from './key-types.js';
import type { ScanContext } from './scan-context.js';

/** Resolved facts kept for the files asked for lately (see resolverOf). */
const RECENTLY_RESOLVED = 512;

/** A file's facts with every key resolved across files (constants, enums, imports, wrappers), typed keys and manifest aliases applied. */
export type ResolveFile = (file: string) => ResolvedFacts | undefined;

/**
 * The resolve phase, on demand: a file's resolved facts when the reduction (or the follower of
 * cross-file nesting) asks for them. Only the files asked for lately are kept: the follower comes
 * back to the same modules, and resolving again is cheap next to holding every file's.
 */
export function resolverOf(
  context: ScanContext,
  results: FileResults,
  graph: ModuleGraph,
  manifest: Manifest | undefined,
  types: boolean,
): ResolveFile {
  const recent = new Map<string, ResolvedFacts>();
  const keyTypes = types ? new KeyTypes(context.root) : undefined;
  return (file) => {
    let resolved = recent.get(file);
    if (resolved === undefined) {
      const facts = results.factsOf(file);
      if (facts === undefined) return undefined;
      resolved = resolveFacts(file, facts, graph);
      if (keyTypes !== undefined) resolved.references = typedKeys(file, resolved.references, keyTypes);
      if (manifest !== undefined) resolved.references = applyKeyAliases(resolved.references, manifest.flags);
      recent.set(file, resolved);
      if (recent.size > RECENTLY_RESOLVED) recent.delete(recent.keys().next().value!);
    }
    return resolved;
  };
}
