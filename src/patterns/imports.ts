import { join } from 'node:path';
import type { ResolveModule } from '../detect/module-resolution.js';
import { toPosixRelative } from '../posix-path.js';
import type { CompiledAccessor } from './types.js';

/**
 * The accessor with its `imports` entries that name a project file resolved (`src/hooks/useFlags`,
 * `./src/hooks/useFlags`, relative to the config file's folder `root`). Only relative resolution is
 * tried, which reads folder listings and never loads TypeScript; an entry naming no file (a
 * package) is compared with the import text alone.
 */
export function withImportModules(accessor: CompiledAccessor, root: string, resolveModule: ResolveModule): CompiledAccessor {
  if (accessor.imports.length === 0) return accessor;
  // The resolver resolves from a file: a name in the root folder stands for the config file.
  const fromRoot = join(root, 'flag-hygiene.config.json');
  const importModules = accessor.imports.flatMap((entry) => {
    if (entry.startsWith('/')) return [];
    const resolved = resolveModule(fromRoot, entry.startsWith('./') || entry.startsWith('../') ? entry : `./${entry}`);
    return resolved === undefined ? [] : [toPosixRelative(root, resolved)];
  });
  return importModules.length === 0 ? accessor : { ...accessor, importModules };
}
