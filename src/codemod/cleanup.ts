import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunctionNode, type Node } from '../detect/ast.js';
import { readBindings, type Binding } from '../detect/scope.js';
import { isPure, type ParsedSource } from './fold.js';
import { EditList, lineEndOf, lineStartOf, removalRange } from './text-edits.js';

/**
 * The bindings a text reads, by the position of their declaring name, followed through the
 * edits of a removal: the cleanup may delete a binding only when it was read before and is not
 * now, so it tells two bindings of one name apart, and never deletes what was unused already.
 * A declaration the edits lost track of counts as not read before (it stays).
 */
export class ReadBefore {
  private constructor(private readonly positions: ReadonlyMap<number, string>) {}

  static of({ nodes, scopes }: ParsedSource): ReadBefore {
    const positions = new Map<number, string>();
    for (const binding of readBindings(scopes, nodes)) positions.set(binding.id.range[0], binding.name);
    return new ReadBefore(positions);
  }

  includes(binding: Binding): boolean {
    return this.positions.get(binding.id.range[0]) === binding.name;
  }

  /** The same bindings in the text `edits` make of `source`. */
  through(edits: EditList, source: string): ReadBefore {
    const map = edits.positionMap(source);
    const moved = new Map<number, string>();
    for (const [position, name] of this.positions) {
      const next = map(position);
      if (next !== undefined) moved.set(next, name);
    }
    return new ReadBefore(moved);
  }
}

function isExported(node: Node): boolean {
  let current: Node | undefined = node.parent;
  while (current != null) {
    if (current.type === 'ExportNamedDeclaration' || current.type === 'ExportDefaultDeclaration') return true;
    if (current.type === 'Program' || isFunctionNode(current)) return false;
    current = current.parent;
  }
  return false;
}

/** The end of the comma that follows a list item (past blanks and comments), if one does. */
function commaAfter(text: string, end: number): number | undefined {
  const match = /^(?:\s|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*,/.exec(text.slice(end));
  return match === null ? undefined : end + match[0].length;
}

/**
 * Removes one element of a comma-separated list, with its comma. An item on lines of its own goes
 * with those lines (and a comment after it on its last line); a trailing comma after the last item
 * (Prettier's style) goes with the item when it is the only one, so `{ k: true, }` never becomes
 * `{ , }`.
 */
export function removeListItem(text: string, items: readonly (Node | null)[], index: number, edits: EditList): boolean {
  const item = items[index];
  if (item == null) return false;
  const next = items[index + 1];
  const previous = items[index - 1];
  const comma = commaAfter(text, item.range[1]);
  const lineStart = lineStartOf(text, item.range[0]);
  const restOfLine = text.slice(comma ?? item.range[1], lineEndOf(text, comma ?? item.range[1]));
  const ownLines =
    text.slice(lineStart, item.range[0]).trim() === '' &&
    /^\s*(\/\/.*)?$/.test(restOfLine) &&
    (next != null || comma !== undefined || previous == null);
  // A comma after the previous item is left dangling only where the list allows a trailing one.
  if (ownLines && (comma !== undefined || previous == null) && lineStart > 0) {
    const end = lineEndOf(text, comma ?? item.range[1]);
    return edits.add(lineStart, Math.min(text.length, end + 1), '');
  }
  if (next != null) return edits.add(item.range[0], next.range[0], '');
  if (previous != null) return edits.add(previous.range[1], item.range[1], '');
  return edits.add(item.range[0], comma ?? item.range[1], '');
}

/**
 * Removes what the removal left unused (and only that: bindings that were read before and are not
 * now): import specifiers (the whole import when none is left), local variables with pure
 * initialisers, destructured names, and local functions. Exports stay. One round, as edits of
 * `text` (given its parse); call until it returns undefined.
 */
export function removeUnusedOnce({ nodes, scopes }: ParsedSource, text: string, readBefore: ReadBefore): EditList | undefined {
  const edits = new EditList();
  const readNow = readBindings(scopes, nodes);
  const unused = (binding: Binding | undefined) => binding !== undefined && readBefore.includes(binding) && !readNow.has(binding);

  for (const node of nodes) {
    if (node.type === 'ImportDeclaration' && node.specifiers.length > 0) {
      const dead = node.specifiers.map((specifier) => unused(scopes.lookup(specifier.local.name, specifier.local)));
      if (dead.every(Boolean)) {
        const [start, end] = removalRange(text, node.range[0], node.range[1]);
        edits.add(start, end, '');
      } else if (dead.some(Boolean)) {
        // Named specifiers are a list; a default or namespace specifier goes with its comma.
        const named = node.specifiers.filter((specifier) => specifier.type === 'ImportSpecifier');
        node.specifiers.forEach((specifier, index) => {
          if (!dead[index]) return;
          if (specifier.type === 'ImportSpecifier') removeListItem(text, named, named.indexOf(specifier), edits);
          else removeListItem(text, node.specifiers, index, edits);
        });
      }
    } else if (node.type === 'VariableDeclaration' && isStatementListItem(node) && !isExported(node)) {
      node.declarations.forEach((declarator, index) => {
        if (declarator.id.type === 'Identifier') {
          const removable =
            unused(scopes.lookup(declarator.id.name, declarator.id)) &&
            (declarator.init == null || isPure(declarator.init) || isHookCall(declarator.init));
          if (!removable) return;
          if (node.declarations.length === 1) {
            const [start, end] = removalRange(text, node.range[0], node.range[1]);
            edits.add(start, end, '');
          } else removeListItem(text, node.declarations, index, edits);
        } else if (declarator.id.type === 'ObjectPattern') {
          removeUnusedProperties(
            text,
            node,
            declarator as TSESTree.VariableDeclarator & { id: TSESTree.ObjectPattern },
            scopes,
            unused,
            edits,
          );
        }
      });
    } else if (node.type === 'FunctionDeclaration' && node.id && !isExported(node) && node.parent?.type !== 'ExportDefaultDeclaration') {
      if (unused(scopes.lookup(node.id.name, node.id))) {
        const [start, end] = removalRange(text, node.range[0], node.range[1]);
        edits.add(start, end, '');
      }
    }
  }
  return edits.size === 0 ? undefined : edits;
}

/**
 * `useFlags()`, `useLDClient()`: a React hook call, which must not have side effects of its own
 * (it runs on every render), so one whose result only fed the removed flag goes with it.
 */
function isHookCall(node: Node): boolean {
  if (node.type !== 'CallExpression' || !node.arguments.every(isPure)) return false;
  const callee = node.callee.type === 'MemberExpression' && !node.callee.computed ? node.callee.property : node.callee;
  return callee.type === 'Identifier' && /^use[A-Z0-9]/.test(callee.name);
}

/** A declaration standing as a statement (not the head of a `for`, which cannot lose it). */
function isStatementListItem(node: Node): boolean {
  const parent = node.parent;
  return (
    parent?.type === 'Program' ||
    parent?.type === 'BlockStatement' ||
    parent?.type === 'SwitchCase' ||
    parent?.type === 'StaticBlock' ||
    parent?.type === 'ExportNamedDeclaration'
  );
}

function removeUnusedProperties(
  text: string,
  declaration: TSESTree.VariableDeclaration,
  declarator: TSESTree.VariableDeclarator & { id: TSESTree.ObjectPattern },
  scopes: ParsedSource['scopes'],
  unused: (binding: Binding | undefined) => boolean,
  edits: EditList,
): void {
  const properties = declarator.id.properties;
  const dead = properties.map((property) => {
    if (property.type !== 'Property') return false;
    const target = property.value.type === 'AssignmentPattern' ? property.value.left : property.value;
    return target.type === 'Identifier' && unused(scopes.lookup(target.name, target));
  });
  if (!dead.some(Boolean)) return;
  if (dead.every(Boolean) && declaration.declarations.length === 1 && !isExported(declaration)) {
    // Nothing left to destructure: the statement goes (a hook call that only fed the flag with it).
    const [start, end] = removalRange(text, declaration.range[0], declaration.range[1]);
    edits.add(start, end, '');
    return;
  }
  properties.forEach((_, index) => {
    if (dead[index]) removeListItem(text, properties, index, edits);
  });
}
