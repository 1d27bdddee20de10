import { createRule } from '../src/eslint/create-rule.js';
import { checkFile, CONFIGURATION_MESSAGE, FIRST_LINE, eslintLoc } from '../src/eslint/rule-support.js';

export type Options = [];
export type MessageId = 'remoteKillSwitch' | 'configuration';

export default createRule<Options, MessageId>({
  name: 'no-remote-kill-switch',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require operational flags (kill switches) to be evaluated locally, without waiting on the network',
      recommended: 'error',
      requiresManifest: true,
    },
    messages: {
      remoteKillSwitch:
        'Operational flag "{{key}}" is evaluated {{how}}. A kill switch must answer instantly from a local cache: when the network is the problem, it is the switch you need.',
      configuration: CONFIGURATION_MESSAGE,
    },
    schema: [],
  },
  create(context) {
    const announce = (message: string) => context.report({ loc: FIRST_LINE, messageId: 'configuration', data: { message } });
    return checkFile(context, { manifest: true, announce }, ({ facts, manifest }) => {
      for (const reference of facts.references) {
        if (reference.key.kind !== 'static' || reference.role !== 'evaluate' || facts.test) continue;
        if (manifest!.flags.get(reference.key.key)?.type !== 'operational') continue;
        const how = reference.awaited
          ? 'through an awaited call'
          : reference.asyncAccessor
            ? 'through an accessor that returns a promise'
            : reference.insideNetworkCallback
              ? "inside a network call's callback"
              : undefined;
        if (how !== undefined)
          context.report({ loc: eslintLoc(reference.loc), messageId: 'remoteKillSwitch', data: { key: reference.key.key, how } });
      }
    });
  },
});
