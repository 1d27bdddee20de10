import { assessFlag, type KeepPath } from '../src/manifest/policy.js';
import { createRule } from '../src/eslint/create-rule.js';
import { checkFile, CONFIGURATION_MESSAGE, FIRST_LINE, eslintLoc } from '../src/eslint/rule-support.js';

export type Options = [{ reportExpiringSoon?: boolean }];
export type MessageId = 'expired' | 'expiringSoon' | 'configuration';

export default createRule<Options, MessageId>({
  name: 'no-expired-flag',
  meta: {
    type: 'suggestion',
    docs: { description: 'Disallow references to flags past their expiry date', recommended: 'warn', requiresManifest: true },
    messages: {
      expired: 'Flag "{{key}}" expired on {{expiresAt}} (owner: {{owner}}{{ticket}}). Remove it: {{advice}}',
      expiringSoon:
        'Flag "{{key}}" expires on {{expiresAt}}, in {{days}} (owner: {{owner}}{{ticket}}). Plan its removal, or extend expiresAt in the manifest.',
      configuration: CONFIGURATION_MESSAGE,
    },
    defaultOptions: [{ reportExpiringSoon: true }],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          reportExpiringSoon: {
            type: 'boolean',
            description: "Also report flags within the policy's expiringSoonDays before their expiry.",
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
        if (flag?.expiresAt === undefined) continue;
        const assessment = assessFlag(flag, { today, policy });
        const ticket = flag.ticket === undefined ? '' : `, ticket: ${flag.ticket}`;
        const { key, expiresAt } = flag;
        // A format without owners (flagd, Unleash) still gets a readable message.
        const owner = flag.owner ?? 'unknown';
        if (assessment.reasons.includes('expired')) {
          const advice = removalAdvice(assessment.keep, flag.rolloutPercentage);
          context.report({ loc: eslintLoc(reference.loc), messageId: 'expired', data: { key, expiresAt, owner, ticket, advice } });
        } else if (options.reportExpiringSoon && assessment.expiringSoon) {
          const remaining = assessment.expiresInDays ?? 0;
          const days = remaining === 0 ? 'less than a day' : remaining === 1 ? '1 day' : `${remaining} days`;
          context.report({ loc: eslintLoc(reference.loc), messageId: 'expiringSoon', data: { key, expiresAt, owner, ticket, days } });
        }
      }
    });
  },
});

/**
 * Which path to keep, as the manifest's state tells it. A flag part-way through its rollout (say
 * at 50%) has settled on nothing: the owner decides, the tool cannot.
 */
function removalAdvice(keep: KeepPath, rolloutPercentage: number | undefined): string {
  if (keep === 'on') return 'it is on for everyone, so keep the on path and delete the off path.';
  if (keep === 'off') return 'it is off for everyone, so keep the off path and delete the on path.';
  const share = rolloutPercentage === undefined ? 'only some users' : `${rolloutPercentage}% of users`;
  return `its rollout is undecided (on for ${share}): decide with the owner which path to keep, then delete the other.`;
}
