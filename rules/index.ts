import type { TSESLint } from '@typescript-eslint/utils';
import deterministicFlagContext from './deterministic-flag-context.js';
import noDynamicFlagKey from './no-dynamic-flag-key.js';
import noExpiredFlag from './no-expired-flag.js';
import noNestedFlags from './no-nested-flags.js';
import noRemoteKillSwitch from './no-remote-kill-switch.js';
import noStaleFlag from './no-stale-flag.js';
import noUndeclaredFlag from './no-undeclared-flag.js';
import requireFlagDecisionLog from './require-flag-decision-log.js';
import requireFlagFallback from './require-flag-fallback.js';

/** Every rule of the plugin, by id. */
export const rules = {
  'no-nested-flags': noNestedFlags,
  'require-flag-fallback': requireFlagFallback,
  'no-undeclared-flag': noUndeclaredFlag,
  'no-expired-flag': noExpiredFlag,
  'no-stale-flag': noStaleFlag,
  'no-dynamic-flag-key': noDynamicFlagKey,
  'deterministic-flag-context': deterministicFlagContext,
  'no-remote-kill-switch': noRemoteKillSwitch,
  'require-flag-decision-log': requireFlagDecisionLog,
} satisfies Record<string, TSESLint.RuleModule<string, readonly unknown[]>>;

export type RuleName = keyof typeof rules;
