import { createRule } from '../src/eslint/create-rule.js';
import { DEFAULT_FINDING_OPTIONS } from '../src/findings/options.js';
import { isDynamicKeyFinding } from '../src/findings/references.js';
import { checkFile, CONFIGURATION_MESSAGE, FIRST_LINE, eslintLoc, referenceFacts } from '../src/eslint/rule-support.js';

export type Options = [{ allowInTests?: boolean }];
export type MessageId = 'dynamicKey' | 'configuration';

export default createRule<Options, MessageId>({
  name: 'no-dynamic-flag-key',
  meta: {
    type: 'suggestion',
    docs: { description: 'Require flag keys that can be resolved statically', recommended: 'warn' },
    messages: {
      dynamicKey:
        'The flag key `{{text}}` cannot be resolved statically, so this flag cannot be checked against the manifest or cleaned up mechanically. Use a string literal, a const, an enum member or an `as const` object.',
      configuration: CONFIGURATION_MESSAGE,
    },
    defaultOptions: [DEFAULT_FINDING_OPTIONS.dynamic],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowInTests: { type: 'boolean', description: 'Allow dynamic keys in test files (table-driven tests over many flags).' },
        },
      },
    ],
  },
  create(context, [options]) {
    const announce = (message: string) => context.report({ loc: FIRST_LINE, messageId: 'configuration', data: { message } });
    return checkFile(context, { manifest: false, announce }, ({ facts }) => {
      const dynamicOptions = { ...DEFAULT_FINDING_OPTIONS.dynamic, ...options };
      for (const reference of facts.references) {
        if (reference.key.kind !== 'dynamic' || !isDynamicKeyFinding(referenceFacts(reference, facts.test), dynamicOptions)) continue;
        context.report({ loc: eslintLoc(reference.loc), messageId: 'dynamicKey', data: { text: reference.key.text } });
      }
    });
  },
});
