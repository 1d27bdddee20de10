import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { parseEstree } from '../estree-parser.js';

type ParseOptions = NonNullable<Parameters<typeof parseEstree>[1]>;

/**
 * typescript-estree finds the token after each `export` modifier (and after each list of type
 * arguments or parameters) by searching from the top of the file, through every statement before
 * it: a module of 8,000 `export const` lines costs some 32 million steps to parse, 38,000 lines
 * 700 million. Such a module is parsed in pieces of this many `export` lines each, so that a
 * search only goes through the statements of its piece.
 */
const EXPORTS_PER_PIECE = 500;

/** Where each line that starts with `export` starts (after a `\n`, or at 0). */
function exportLineStarts(text: string): number[] {
  const starts: number[] = text.startsWith('export') ? [0] : [];
  for (let at = text.indexOf('\nexport'); at >= 0; at = text.indexOf('\nexport', at + 1)) starts.push(at + 1);
  return starts.filter((start) => !/[\w$]/.test(text[start + 6] ?? ''));
}

/** Line breaks as TypeScript counts them (\r\n is one) in text[from, to). */
function lineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a || code === 0x2028 || code === 0x2029 || (code === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) count++;
  }
  return count;
}

/** Moves every node of a piece's statements by `offset` characters and `lines` lines (a piece starts at a line's start). */
function move(statements: readonly TSESTree.Node[], offset: number, lines: number): void {
  const moved = new Set<TSESTree.Node>();
  const stack: TSESTree.Node[] = [...statements];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (moved.has(node)) continue;
    moved.add(node);
    node.range = [node.range[0] + offset, node.range[1] + offset];
    // Fresh objects (a parse may share them between nodes), in the parser's order of keys.
    node.loc = {
      ...node.loc,
      start: { ...node.loc.start, line: node.loc.start.line + lines },
      end: { ...node.loc.end, line: node.loc.end.line + lines },
    };
    for (const key of visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item !== null && typeof item === 'object' && typeof (item as TSESTree.Node).type === 'string')
          stack.push(item as TSESTree.Node);
      }
    }
  }
}

const MODULE_MARKER = '\nexport {};';

/**
 * Parses a module in pieces, each starting at a line that starts with `export`, and joins them
 * into the tree a parse of the whole text gives. A piece that does not parse on its own (the
 * line was inside a template, a comment or a namespace) means the whole text is parsed instead,
 * which also reports a real syntax error as it is. The first piece gets a module marker, so that
 * it parses as the module the whole text is (`await` at the top level).
 */
function parsePieces(text: string, starts: readonly number[], options: ParseOptions): TSESTree.Program {
  const bounds = [0, ...starts.filter((_, index) => index > 0 && index % EXPORTS_PER_PIECE === 0), text.length];
  let first: TSESTree.Program | undefined;
  const body: TSESTree.ProgramStatement[] = [];
  let lines = 0;
  let end: TSESTree.Position = { line: 1, column: 0 };
  for (let piece = 0; piece + 1 < bounds.length; piece++) {
    const start = bounds[piece]!;
    if (piece > 0) lines += lineBreaks(text, bounds[piece - 1]!, start);
    const slice = text.slice(start, bounds[piece + 1]);
    const program = parseEstree(piece === 0 ? slice + MODULE_MARKER : slice, options);
    if (piece === 0) {
      const marker = program.body.pop();
      if (
        marker?.type !== 'ExportNamedDeclaration' ||
        marker.declaration !== null ||
        marker.specifiers.length > 0 ||
        marker.range[0] < slice.length
      ) {
        throw new Error('the module marker did not parse as one');
      }
      first = program;
    } else {
      move(program.body, start, lines);
    }
    body.push(...program.body);
    end = { ...program.loc.end, line: program.loc.end.line + lines };
  }
  return { ...first!, body, range: [first!.range[0], text.length], loc: { ...first!.loc, end } };
}

/**
 * typescript-estree's parse of a file's text, in pieces when the text has many `export` lines
 * (see EXPORTS_PER_PIECE): the same tree either way, at a cost that grows linearly with it.
 */
export function parseInPieces(text: string, options: ParseOptions): TSESTree.Program {
  const starts = exportLineStarts(text);
  if (starts.length < 2 * EXPORTS_PER_PIECE) return parseEstree(text, options);
  try {
    return parsePieces(text, starts, options);
  } catch {
    return parseEstree(text, options);
  }
}
