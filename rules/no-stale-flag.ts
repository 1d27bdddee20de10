import { assessFlag, type RemovalReason } from '../src/manifest/policy.js';
import { createRule } from '../src/eslint/create-rule.js';
import { checkFile, CONFIGURATION_MESSAGE, FIRST_LINE, eslintLoc } from '../src/eslint/rule-support.js';

export type Options = [{ includeExpired?: boolean }];
export type MessageId = 'staleFlag' | 'staleFlagNoKeepPath' | 'configuration';

const REASON_WORDS: Record<RemovalReason, string> = {
  expired: 'expired',
  'fully-rolled-out': 'fully rolled out',
  'always-off': 'always off',
  'not-evaluated': 'not evaluated recently',
  unreferenced: 'unreferenced',
};

export default createRule<Options, MessageId>({
  name: 'no-stale-flag',
  meta: {
    type: 'suggestion',
    docs: { description: 'Disallow references to flags the lifecycle policy marks ready for removal', recommended: 'warn', requiresManifest: true },
    messages: {
      staleFlag: 'Flag "{{key}}" is ready for removal ({{reasons}}): keep its {{keep}} path and delete the other, then remove it from the manifest.',
      staleFlagNoKeepPath:
        'Flag "{{key}}" is ready for removal ({{reasons}}), but its state in the manifest does not say which path to keep: settle it, then remove the flag.',
      configuration: CONFIGURATION_MESSAGE,
    },
    defaultOptions: [{ includeExpired: false }],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          includeExpired: {
            type: 'boolean',
            description: 'Also report flags that are ready only because they expired (no-expired-flag reports those).',
          },
        },
      },
    ],
  },
  create(context, [options]) {
    const announce = (message: string) => context.report({ loc: FIRST_LINE, messageId: 'configuration', data: { message } });
    return checkFile(context, { manifest: true, announce }, ({ facts, manifest, project }) => {
      const { today, policy } = project.settings;
      for (const reference of facts.references) {
        if (reference.key.kind !== 'static' || reference.indirect) continue;
        const flag = manifest!.flags.get(reference.key.key);
        if (flag === undefined) continue;
        const assessment = assessFlag(flag, { today, policy });
        const reasons = assessment.reasons.filter((reason) => options.includeExpired || reason !== 'expired');
        if (reasons.length === 0) continue;
        const data = { key: flag.key, reasons: reasons.map((reason) => REASON_WORDS[reason]).join(', '), keep: assessment.keep ?? '' };
        context.report({ loc: eslintLoc(reference.loc), messageId: assessment.keep === null ? 'staleFlagNoKeepPath' : 'staleFlag', data });
      }
    });
  },
});
