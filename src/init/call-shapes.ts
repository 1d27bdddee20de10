import { memberChain, nodeLocator, staticString, walk } from '../detect/ast.js';
import { toPosixRelative } from '../posix-path.js';
import type { InventoryReference } from '../scanner/inventory.js';
import { readSourceText } from '../detect/source-text.js';
import { parseAsScanned } from '../sfc/parse.js';

/** Callee names that suggest a flag read, the way people name their flag helpers. */
const FLAG_LIKE_CALLEE = /flag|feature|toggle|variant|experiment/i;
/** Cheap test before parsing: such a name followed, within its member chain, by a call on a string. */
const MAY_HOLD_SHAPE = /(?:flag|feature|toggle|variant|experiment)[\w$.?]*\s*\(\s*['"`]/i;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Calls that look like flag reads and match no pattern, grouped by callee. */
export interface UnmatchedCallShape {
  /** The callee as written: `useUiFlag`, `this.features.isOn`. */
  callee: string;
  count: number;
  /** The accessor pattern that would match these calls: `useUiFlag($KEY)`, `features.isOn($KEY)`. */
  suggestion: string;
}

interface Position {
  line: number;
  column: number;
}

function isBefore(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.column <= b.column);
}

/**
 * Calls whose callee names a flag, feature, toggle, variant or experiment and whose first argument
 * is a string literal, that the scan did not make a reference of: what the configured patterns
 * miss. The `limit` most frequent, most frequent first (then by callee).
 */
export function findUnmatchedCallShapes(
  root: string,
  files: readonly string[],
  references: readonly InventoryReference[],
  limit: number,
): UnmatchedCallShape[] {
  const referencesByFile = new Map<string, Position[]>();
  for (const reference of references) {
    const positions = referencesByFile.get(reference.file) ?? [];
    positions.push(reference);
    referencesByFile.set(reference.file, positions);
  }
  const counts = new Map<string, number>();
  for (const file of files) {
    const source = readSourceText(file);
    if (source.kind !== 'text' || !MAY_HOLD_SHAPE.test(source.text)) continue;
    let scanned;
    try {
      scanned = parseAsScanned(file, source.text);
    } catch {
      continue; // The scan reports files that do not parse.
    }
    const { program } = scanned;
    const locate = nodeLocator(scanned.text);
    const known = referencesByFile.get(toPosixRelative(root, file)) ?? [];
    walk(program, (node) => {
      if (node.type !== 'CallExpression') return;
      const [first] = node.arguments;
      if (first === undefined || staticString(first) === undefined) return;
      const chain = memberChain(node.callee);
      if (chain === undefined || !chain.every((part) => part === 'this' || IDENTIFIER.test(part))) return;
      const callee = chain.join('.');
      if (!FLAG_LIKE_CALLEE.test(callee)) return;
      const loc = locate(node);
      const start = { line: loc.line, column: loc.column };
      const end = { line: loc.endLine, column: loc.endColumn };
      if (known.some((reference) => isBefore(start, reference) && isBefore(reference, end))) return;
      counts.set(callee, (counts.get(callee) ?? 0) + 1);
    });
  }
  return [...counts]
    .sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, limit)
    .map(([callee, count]) => ({ callee, count, suggestion: `${callee.replace(/^this\./, '')}($KEY)` }));
}
