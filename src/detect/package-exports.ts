/** The `exports` conditions TypeScript's bundler resolution matches (`default` always does). */
const CONDITIONS = new Set(['types', 'import', 'default']);

/** How a subpath matched an `exports` key: the key's value, and what its `*` stood for. */
interface ExportEntry {
  value: unknown;
  capture?: string;
}

/** The entry of `exports` for a subpath (`.`, `./flags`): an exact key, else the pattern with the longest prefix. */
function entryFor(exports: unknown, subpath: string): ExportEntry | undefined {
  if (typeof exports !== 'object' || exports === null || Array.isArray(exports)) return subpath === '.' ? { value: exports } : undefined;
  const map = exports as Record<string, unknown>;
  const keys = Object.keys(map);
  // Conditions at the top (`{ "types": …, "import": … }`) are the package's own entry.
  if (keys.length > 0 && !keys[0]!.startsWith('.')) return subpath === '.' ? { value: exports } : undefined;
  if (Object.hasOwn(map, subpath) && !subpath.includes('*')) return { value: map[subpath] };
  let best: { key: string; prefix: number; entry: ExportEntry } | undefined;
  // A key with one `*` (folder keys ending in `/` went with Node 17, and TypeScript never read them).
  for (const key of keys) {
    const star = key.indexOf('*');
    if (star < 0 || key.indexOf('*', star + 1) >= 0) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (subpath.length < key.length || !subpath.startsWith(prefix) || !subpath.endsWith(suffix)) continue;
    // Node's and TypeScript's order: the longer prefix, then the longer key.
    if (best !== undefined && (prefix.length < best.prefix || (prefix.length === best.prefix && key.length <= best.key.length))) continue;
    best = {
      key,
      prefix: prefix.length,
      entry: { value: map[key], capture: subpath.slice(prefix.length, subpath.length - suffix.length) },
    };
  }
  return best?.entry;
}

/** Deeper conditions than any package writes: a package.json from the repository must not exhaust the stack. */
const MAX_DEPTH = 32;

function* targetsOf(value: unknown, capture: ExportEntry['capture'], depth = 0): Generator<string> {
  if (depth > MAX_DEPTH) return;
  if (typeof value === 'string') {
    const target = capture === undefined ? value : value.replaceAll('*', capture);
    if (target.startsWith('./')) yield target;
  } else if (Array.isArray(value)) {
    for (const item of value) yield* targetsOf(item, capture, depth + 1);
  } else if (typeof value === 'object' && value !== null) {
    for (const [condition, inner] of Object.entries(value)) if (CONDITIONS.has(condition)) yield* targetsOf(inner, capture, depth + 1);
  }
}

/**
 * The paths (`./src/index.ts`, relative to the package) a package.json's `exports` offers for a
 * subpath, in the order TypeScript's bundler resolution tries them: the matching conditions in
 * the order the package writes them, and an array's items in turn. TypeScript takes the first that
 * lands on a file, so an unbuilt package whose `types` names `./dist/index.d.ts` before
 * `"default": "./src/index.ts"` lands on its source; Node, and packages that resolve as Node does,
 * stop at the first condition that matches. None: the package does not export the subpath.
 */
export function exportTargets(exports: unknown, subpath: string): string[] {
  const entry = entryFor(exports, subpath);
  return entry === undefined ? [] : [...targetsOf(entry.value, entry.capture)];
}
