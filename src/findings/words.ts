import type { RemovalReason } from '../manifest/policy.js';

/** A removal reason in a sentence: the one wording ESLint's messages and every report format use. */
export const REASON_WORDS: Record<RemovalReason, string> = {
  expired: 'expired',
  'fully-rolled-out': 'fully rolled out',
  'always-off': 'always off',
  'not-evaluated': 'not evaluated recently',
  unreferenced: 'not used outside tests',
};
