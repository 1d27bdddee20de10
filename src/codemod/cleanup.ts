import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunctionNode, type Node } from '../detect/ast.js';
import { readsOf, type Binding } from '../detect/scope.js';
import { isPure, parseWithScopes } from './fold.js';
import { EditList, removalRange } from './text-edits.js';

/** Names of the bindings a text reads: what was in use before the removal. */
export function usedNames(file: string, text: string): Set<string> {
  const { nodes, scopes } = parseWithScopes(file, text);
  const used = new Set<string>();
  const seen = new Set<Binding>();
  for (const node of nodes) {
    if (node.type !== 'Identifier') continue;
    const binding = scopes.lookup(node.name, node);
    if (binding === undefined || seen.has(binding)) continue;
    seen.add(binding);
    if (readsOf(scopes, binding).length > 0) used.add(binding.name);
  }
  return used;
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

/** Removes one element of a comma-separated list, with its comma. */
export function removeListItem(_text: string, items: readonly (Node | null)[], index: number, edits: EditList): boolean {
  const item = items[index];
  if (item == null) return false;
  const next = items[index + 1];
  const previous = items[index - 1];
  if (next != null) return edits.add(item.range[0], next.range[0], '');
  if (previous != null) return edits.add(previous.range[1], item.range[1], '');
  return edits.add(item.range[0], item.range[1], '');
}

/**
 * Removes what the removal left unused (and only that: names that were read before and are not
 * now): import specifiers (the whole import when none is left), local variables with pure
 * initialisers, destructured names, and local functions. Exports stay. One round; call until it
 * returns undefined.
 */
export function removeUnusedOnce(file: string, text: string, usedBefore: ReadonlySet<string>): string | undefined {
  const { nodes, scopes } = parseWithScopes(file, text);
  const edits = new EditList();
  const unused = (binding: Binding | undefined) => binding !== undefined && usedBefore.has(binding.name) && readsOf(scopes, binding).length === 0;

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
    } else if (node.type === 'VariableDeclaration' && !isExported(node)) {
      node.declarations.forEach((declarator, index) => {
        if (declarator.id.type === 'Identifier') {
          const removable = unused(scopes.lookup(declarator.id.name, declarator.id)) && (declarator.init == null || isPure(declarator.init));
          if (!removable) return;
          if (node.declarations.length === 1) {
            const [start, end] = removalRange(text, node.range[0], node.range[1]);
            edits.add(start, end, '');
          } else removeListItem(text, node.declarations, index, edits);
        } else if (declarator.id.type === 'ObjectPattern') {
          removeUnusedProperties(text, node, declarator as TSESTree.VariableDeclarator & { id: TSESTree.ObjectPattern }, scopes, unused, edits);
        }
      });
    } else if (node.type === 'FunctionDeclaration' && node.id && !isExported(node) && node.parent?.type !== 'ExportDefaultDeclaration') {
      if (unused(scopes.lookup(node.id.name, node.id))) {
        const [start, end] = removalRange(text, node.range[0], node.range[1]);
        edits.add(start, end, '');
      }
    }
  }
  return edits.size === 0 ? undefined : edits.apply(text);
}

function removeUnusedProperties(
  text: string,
  declaration: TSESTree.VariableDeclaration,
  declarator: TSESTree.VariableDeclarator & { id: TSESTree.ObjectPattern },
  scopes: ReturnType<typeof parseWithScopes>['scopes'],
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
