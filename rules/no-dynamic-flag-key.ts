import { createRule } from '../src/eslint/create-rule.js';
import { checkFile, CONFIGURATION_MESSAGE, FIRST_LINE, eslintLoc } from '../src/eslint/rule-support.js';

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
    defaultOptions: [{ allowInTests: false }],
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
      if (options.allowInTests && facts.test) return;
      for (const reference of facts.references) {
        if (reference.key.kind !== 'dynamic' || reference.indirect) continue;
        context.report({ loc: eslintLoc(reference.loc), messageId: 'dynamicKey', data: { text: reference.key.text } });
      }
    });
  },
});
