import { createRule } from '../src/eslint/create-rule.js';
import { checkFile, CONFIGURATION_MESSAGE, FIRST_LINE, describeRegion, eslintLoc, flagName } from '../src/eslint/rule-support.js';

export type Options = [{ allowJsxShortCircuit?: boolean }];
export type MessageId = 'nestedFlag' | 'nestedThroughCall' | 'configuration';

export default createRule<Options, MessageId>({
  name: 'no-nested-flags',
  meta: {
    type: 'problem',
    docs: { description: 'Disallow a flag check inside code controlled by another flag', recommended: 'error' },
    messages: {
      nestedFlag:
        'Flag "{{inner}}" is checked on the {{region}} of flag "{{outer}}" (line {{line}}). Nested flags multiply the states to reason about and to test; check the flags side by side, or make them one flag.',
      nestedThroughCall:
        'Flag "{{inner}}" is checked in {{through}}, which is called on the {{region}} of flag "{{outer}}" (line {{line}}). Nested flags multiply the states to reason about and to test; decide both flags in one place.',
      configuration: CONFIGURATION_MESSAGE,
    },
    defaultOptions: [{ allowJsxShortCircuit: false }],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowJsxShortCircuit: {
            type: 'boolean',
            description: 'Allow a flag checked inside JSX rendered by `{flagA && <Section />}`.',
          },
        },
      },
    ],
  },
  create(context, [options]) {
    const announce = (message: string) => context.report({ loc: FIRST_LINE, messageId: 'configuration', data: { message } });
    return checkFile(context, { manifest: false, announce }, ({ facts }) => {
      const decisions = new Map(facts.decisions.map((decision) => [decision.id, decision]));
      for (const nesting of facts.nestings) {
        const outer = decisions.get(nesting.outer)!;
        const inner = decisions.get(nesting.inner)!;
        if (options.allowJsxShortCircuit && outer.kind === 'jsx') continue;
        const region = outer.regions[nesting.regionIndex]!;
        const innerKey = flagName(facts.references[inner.reference]!);
        const outerKey = flagName(facts.references[outer.reference]!);
        const regionWords = describeRegion(region);
        const line = String(outer.loc.line);
        if (nesting.through.length === 0) {
          context.report({
            loc: eslintLoc(inner.loc),
            messageId: 'nestedFlag',
            data: { inner: innerKey, outer: outerKey, region: regionWords, line },
          });
        } else {
          context.report({
            loc: eslintLoc(nesting.callLoc ?? inner.loc),
            messageId: 'nestedThroughCall',
            data: {
              inner: innerKey,
              outer: outerKey,
              region: regionWords,
              line,
              through: nesting.through.map((name) => `${name}()`).join(' → '),
            },
          });
        }
      }
    });
  },
});
