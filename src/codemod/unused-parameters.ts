import type * as TsMorph from 'ts-morph';
import type { Node as MorphNode, ParameterDeclaration, Project, SourceFile } from 'ts-morph';

/*
 * Issue 17 item 2: a parameter the removal left unread (`label(name)` whose only read was in the
 * removed branch). TypeScript says which parameters are unused, before and after; one goes only
 * when the removal made it unused, it is the last one, and every caller is a plain call in the
 * same file (the function is not exported, not a method, not passed as a value): its callers'
 * arguments go with it. Any other is listed for a person.
 */

/** A parameter the removal left unused: removed, or left with the reason. */
export interface UnusedParameter {
  file: string;
  line: number;
  column: number;
  name: string;
  /** Why it stays; absent when it was removed. */
  keptBecause?: string;
}

/** "'x' is declared but its value is never read." */
const DECLARED_NEVER_READ = 6133;
const MAX_REMOVALS_PER_FILE = 20;

/**
 * A parameter told apart from the others of the file across a rewrite by the names of the
 * declarations around it, its own name and its place in the list.
 */
function parameterIdentity(morph: typeof TsMorph, parameter: ParameterDeclaration): string {
  const names: string[] = [];
  for (const ancestor of parameter.getAncestors()) {
    const named = ancestor as MorphNode & { getName?: () => string | undefined };
    if (
      (morph.Node.isFunctionLikeDeclaration(ancestor) ||
        morph.Node.isVariableDeclaration(ancestor) ||
        morph.Node.isClassDeclaration(ancestor) ||
        morph.Node.isPropertyAssignment(ancestor)) &&
      typeof named.getName === 'function'
    ) {
      names.unshift(named.getName() ?? '?');
    }
  }
  const index = (parameter.getParentOrThrow() as MorphNode & { getParameters(): ParameterDeclaration[] })
    .getParameters()
    .indexOf(parameter);
  return `${names.join('/')}(${index}:${parameter.getName()})`;
}

/** Every parameter of a file by its key; keys two parameters share are left out (never guessed). */
function parametersByKey(morph: typeof TsMorph, source: SourceFile): Map<string, ParameterDeclaration> {
  const found = new Map<string, ParameterDeclaration | null>();
  for (const parameter of source.getDescendantsOfKind(morph.SyntaxKind.Parameter)) {
    const key = parameterIdentity(morph, parameter);
    found.set(key, found.has(key) ? null : parameter);
  }
  return new Map([...found].filter((entry): entry is [string, ParameterDeclaration] => entry[1] !== null));
}

/** The keys of the parameters TypeScript reports as never read (as errors or as suggestions). */
function unusedKeys(morph: typeof TsMorph, project: Project, source: SourceFile): Set<string> {
  const starts = [
    ...project.getLanguageService().compilerObject.getSuggestionDiagnostics(source.getFilePath()),
    ...project.getProgram().compilerObject.getSemanticDiagnostics(source.compilerNode),
  ]
    .filter((diagnostic) => diagnostic.code === DECLARED_NEVER_READ && diagnostic.start !== undefined)
    .map((diagnostic) => diagnostic.start!);
  const keys = new Set<string>();
  for (const start of starts) {
    const parameter = source.getDescendantAtPos(start)?.getParentIfKind(morph.SyntaxKind.Parameter);
    if (parameter !== undefined && parameter.getNameNode().getStart() === start) keys.add(parameterIdentity(morph, parameter));
  }
  return keys;
}

/** What TypeScript knows of a touched file before the removal, to compare with after. */
export interface ParametersBefore {
  all: Set<string>;
  unused: Set<string>;
}

export function parametersBefore(morph: typeof TsMorph, project: Project, source: SourceFile): ParametersBefore {
  return { all: new Set(parametersByKey(morph, source).keys()), unused: unusedKeys(morph, project, source) };
}

function isPlainArgument(morph: typeof TsMorph, node: MorphNode): boolean {
  const { Node } = morph;
  if (
    Node.isIdentifier(node) ||
    Node.isLiteralExpression(node) ||
    Node.isTrueLiteral(node) ||
    Node.isFalseLiteral(node) ||
    Node.isNullLiteral(node) ||
    Node.isThisExpression(node)
  )
    return true;
  if (Node.isArrowFunction(node) || Node.isFunctionExpression(node) || Node.isNoSubstitutionTemplateLiteral(node)) return true;
  return Node.isPropertyAccessExpression(node) && isPlainArgument(morph, node.getExpression());
}

/** Why a parameter cannot go, or the call arguments that go with it. */
function removal(morph: typeof TsMorph, parameter: ParameterDeclaration): { keptBecause: string } | { arguments: MorphNode[] } {
  const { Node } = morph;
  const owner = parameter.getParent();
  const parameters = (owner as MorphNode & { getParameters(): ParameterDeclaration[] }).getParameters();
  if (parameters.at(-1) !== parameter) return { keptBecause: 'it is not the last parameter' };
  if (parameter.isRestParameter() || !Node.isIdentifier(parameter.getNameNode()))
    return { keptBecause: 'it is a rest or destructured parameter' };
  let name: MorphNode | undefined;
  if (Node.isFunctionDeclaration(owner)) {
    if (owner.isExported() || owner.isDefaultExport()) return { keptBecause: 'the function is exported (its callers pass it)' };
    if (owner.getOverloads().length > 0) return { keptBecause: 'the function is overloaded' };
    name = owner.getNameNode();
  } else if (Node.isArrowFunction(owner) || Node.isFunctionExpression(owner)) {
    const declaration = owner.getParent();
    if (
      !Node.isVariableDeclaration(declaration) ||
      declaration.getInitializer() !== owner ||
      !Node.isIdentifier(declaration.getNameNode())
    ) {
      return { keptBecause: "the function is a callback (its signature is its caller's)" };
    }
    if (declaration.getVariableStatement()?.isExported() !== false || declaration.getTypeNode() !== undefined)
      return { keptBecause: 'the function is exported or typed by a declared signature' };
    name = declaration.getNameNode();
  } else {
    return { keptBecause: 'it belongs to a method or a signature another type may require' };
  }
  if (name === undefined || !Node.isIdentifier(name)) return { keptBecause: 'the function has no name to find its callers by' };
  const index = parameters.length - 1;
  const removed: MorphNode[] = [];
  for (const reference of name.findReferencesAsNodes()) {
    if (reference === name) continue;
    if (reference.getSourceFile() !== parameter.getSourceFile()) return { keptBecause: 'the function is used in another file' };
    const call = reference.getParent();
    if (!Node.isCallExpression(call) || call.getExpression() !== reference)
      return { keptBecause: 'the function is passed as a value (a callback with a fixed signature)' };
    const argument = call.getArguments()[index];
    if (argument === undefined) continue;
    if (call.getArguments().length > index + 1 || !isPlainArgument(morph, argument))
      return { keptBecause: 'a call passes an argument there that may have side effects' };
    removed.push(argument);
  }
  return { arguments: removed };
}

/**
 * Removes from a touched file (in the project, as the removal leaves it) the parameters the
 * removal left unused where that is safe; returns them all, removed or kept with the reason.
 */
export function removeUnusedParameters(
  morph: typeof TsMorph,
  project: Project,
  source: SourceFile,
  before: ParametersBefore,
  relative: string,
): UnusedParameter[] {
  const outcome: UnusedParameter[] = [];
  const kept = new Set<string>();
  for (let round = 0; round < MAX_REMOVALS_PER_FILE; round++) {
    const parameters = parametersByKey(morph, source);
    const fresh = [...unusedKeys(morph, project, source)].filter(
      (key) => before.all.has(key) && !before.unused.has(key) && !kept.has(key) && parameters.has(key),
    );
    if (fresh.length === 0) break;
    let removedOne = false;
    for (const key of fresh) {
      const parameter = parameters.get(key)!;
      const { line, column } = source.getLineAndColumnAtPos(parameter.getStart());
      const plan = removal(morph, parameter);
      if ('keptBecause' in plan) {
        kept.add(key);
        outcome.push({ file: relative, line, column, name: parameter.getName(), keptBecause: plan.keptBecause });
        continue;
      }
      outcome.push({ file: relative, line, column, name: parameter.getName() });
      // Last to first, so each removal leaves the positions of the others as they were.
      for (const argument of [...plan.arguments].sort((a, b) => b.getStart() - a.getStart())) {
        (argument.getParentOrThrow() as TsMorph.CallExpression).removeArgument(argument);
      }
      parameter.remove();
      removedOne = true;
      break;
    }
    if (!removedOne) break;
  }
  return outcome;
}
