import { fallbackProblems, type FallbackProblemKind } from '../src/detect/fallback.js';
import { createRule } from '../src/eslint/create-rule.js';
import { DEFAULT_FINDING_OPTIONS } from '../src/findings/options.js';
import { checkFile, CONFIGURATION_MESSAGE, FIRST_LINE, flagName } from '../src/eslint/rule-support.js';

export type Options = [{ requireElse?: boolean; allowJsxShortCircuit?: boolean }];
export type MessageId = 'valueWithoutOffPath' | 'uncheckedLookup' | 'missingElse' | 'configuration';

const MESSAGE_IDS: Record<FallbackProblemKind, Exclude<MessageId, 'configuration'>> = {
  'value-without-off-path': 'valueWithoutOffPath',
  'unchecked-lookup': 'uncheckedLookup',
  'missing-else': 'missingElse',
};

export default createRule<Options, MessageId>({
  name: 'require-flag-fallback',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a working off path wherever a flag decides a value or a branch',
      recommended: 'error',
      strict: ['error', { requireElse: true }],
    },
    messages: {
      valueWithoutOffPath:
        'When flag "{{key}}" is off, this expression is the flag\'s own falsy value, not something usable. Give the off path a real value: `flag ? onValue : offValue`.',
      uncheckedLookup:
        'The lookup of flag "{{key}}" is undefined when the flag is missing, and reading a field of it then throws. Use `?.` or check the lookup first, so the off path still works.',
      missingElse:
        'This `if` on flag "{{key}}" has no else and does not return: say what happens when the flag is off (an else branch, or return early).',
      configuration: CONFIGURATION_MESSAGE,
    },
    defaultOptions: [DEFAULT_FINDING_OPTIONS['missing-fallback']],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          requireElse: {
            type: 'boolean',
            description: 'Also require an else branch (or an early return) on every `if` that checks a flag.',
          },
          allowJsxShortCircuit: {
            type: 'boolean',
            description: 'Allow `{flag && <New />}` in JSX, where rendering nothing is a usable off path.',
          },
        },
      },
    ],
  },
  create(context, [options]) {
    const announce = (message: string) => context.report({ loc: FIRST_LINE, messageId: 'configuration', data: { message } });
    return checkFile(context, { manifest: false, announce }, ({ facts }) => {
      const problems = fallbackProblems(facts, { ...DEFAULT_FINDING_OPTIONS['missing-fallback'], ...options });
      for (const problem of problems) {
        const [start, end] = problem.range;
        context.report({
          loc: { start: context.sourceCode.getLocFromIndex(start), end: context.sourceCode.getLocFromIndex(end) },
          messageId: MESSAGE_IDS[problem.kind],
          data: { key: flagName(facts.references[problem.reference]!) },
        });
      }
    });
  },
});
