import type { TSESTree } from '@typescript-eslint/utils';
import { closestMatch } from '../src/closest-match.js';
import { camelCaseKey } from '../src/detect/key-case.js';
import type { ResolvedReference } from '../src/detect/resolve.js';
import { createRule } from '../src/eslint/create-rule.js';
import { checkFile, CONFIGURATION_MESSAGE, FIRST_LINE, eslintLoc, referenceFacts } from '../src/eslint/rule-support.js';
import { isUndeclaredFinding } from '../src/findings/references.js';

export type Options = [];
export type MessageId = 'undeclared' | 'undeclaredDidYouMean' | 'replaceWithDeclared' | 'configuration';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** How to write `key` where the reference wrote its key, or undefined when the key came from elsewhere (a constant). */
function rewriteKey(reference: ResolvedReference, key: string): string | undefined {
  const written = reference.keyText;
  const quote = written[0];
  if (quote === '"' || quote === "'" || quote === '`') {
    return `${quote}${key.replaceAll('\\', '\\\\').replaceAll(quote, `\\${quote}`)}${quote}`;
  }
  // A key written as a name: `flags.newCheckout`, `{ newCheckout: true }`.
  if (IDENTIFIER.test(written) && (reference.writtenKey ?? (reference.key.kind === 'static' ? reference.key.key : undefined)) === written) {
    const name = reference.keyCase === 'camelCase' ? camelCaseKey(key) : key;
    return IDENTIFIER.test(name) ? name : undefined;
  }
  return undefined;
}

/**
 * `const { newChekout } = useFlags()` binds a variable under the key's name: renaming the key must
 * keep that name (`{ newCheckout: newChekout }`), or the code reading it loses its binding.
 */
function keepsBinding(node: TSESTree.Node | null, replacement: string): string {
  const property = node?.parent;
  if (node?.type === 'Identifier' && property?.type === 'Property' && property.shorthand && property.parent?.type === 'ObjectPattern') {
    return `${replacement}: ${node.name}`;
  }
  return replacement;
}

export default createRule<Options, MessageId>({
  name: 'no-undeclared-flag',
  meta: {
    type: 'problem',
    hasSuggestions: true,
    docs: { description: 'Disallow flag keys that the manifest does not declare', recommended: 'error', requiresManifest: true },
    messages: {
      undeclared:
        'Flag "{{key}}" is not declared in the manifest ({{manifest}}). Declare it with its type, owner and expiry, or fix the key.',
      undeclaredDidYouMean: 'Flag "{{key}}" is not declared in the manifest ({{manifest}}); did you mean "{{suggestion}}"?',
      replaceWithDeclared: 'Use the declared flag "{{suggestion}}".',
      configuration: CONFIGURATION_MESSAGE,
    },
    schema: [],
  },
  create(context) {
    const announce = (message: string) => context.report({ loc: FIRST_LINE, messageId: 'configuration', data: { message } });
    return checkFile(context, { manifest: true, announce }, ({ facts, manifest }) => {
      const declared = manifest!.flags;
      const manifestName = manifest!.path === undefined ? 'manifest' : manifest!.path.replace(/^.*[\\/]/, '');
      for (const reference of facts.references) {
        if (reference.key.kind !== 'static' || !isUndeclaredFinding(referenceFacts(reference, facts.test), declared)) continue;
        const key = reference.writtenKey ?? reference.key.key;
        const candidates = reference.keyCase === 'camelCase' ? new Map([...declared.keys()].map((k) => [camelCaseKey(k), k])) : undefined;
        const nearest = candidates
          ? candidates.get(closestMatch(camelCaseKey(key), candidates.keys()) ?? '')
          : closestMatch(key, declared.keys());
        const replacement = nearest === undefined ? undefined : rewriteKey(reference, nearest);
        if (nearest === undefined) {
          context.report({ loc: eslintLoc(reference.loc), messageId: 'undeclared', data: { key, manifest: manifestName } });
          continue;
        }
        context.report({
          loc: eslintLoc(reference.loc),
          messageId: 'undeclaredDidYouMean',
          data: { key, manifest: manifestName, suggestion: nearest },
          suggest:
            replacement === undefined
              ? []
              : [
                  {
                    messageId: 'replaceWithDeclared',
                    data: { suggestion: nearest },
                    fix: (fixer) =>
                      fixer.replaceTextRange(
                        [...reference.range],
                        keepsBinding(context.sourceCode.getNodeByRangeIndex(reference.range[0]), replacement),
                      ),
                  },
                ],
        });
      }
    });
  },
});
