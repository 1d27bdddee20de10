import { createRule } from '../src/eslint/create-rule.js';
import { checkFile, CONFIGURATION_MESSAGE, FIRST_LINE, eslintLoc, flagName } from '../src/eslint/rule-support.js';

export type Options = [];
export type MessageId = 'nondeterministic' | 'configuration';

export default createRule<Options, MessageId>({
  name: 'deterministic-flag-context',
  meta: {
    type: 'problem',
    docs: { description: 'Disallow clock and random values in a flag key or evaluation context', recommended: 'error' },
    messages: {
      nondeterministic:
        '`{{source}}` flows into the evaluation of flag "{{key}}", so the same user can get a different answer on every call. Evaluate with stable inputs (a user or session id) and keep clocks and random values out.',
      configuration: CONFIGURATION_MESSAGE,
    },
    schema: [],
  },
  create(context) {
    const announce = (message: string) => context.report({ loc: FIRST_LINE, messageId: 'configuration', data: { message } });
    return checkFile(context, { manifest: false, announce }, ({ facts }) => {
      for (const reference of facts.references) {
        for (const source of reference.nondeterministic ?? []) {
          context.report({
            loc: eslintLoc(source.loc),
            messageId: 'nondeterministic',
            data: { source: source.text, key: flagName(reference) },
          });
        }
      }
    });
  },
});
