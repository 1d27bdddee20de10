import type { ManifestFlag } from '../types.js';

/**
 * What each lifecycle field is needed for, so that `check-manifest` can say what a format without
 * it costs. Reasons and rules that need a missing field are simply not concluded.
 */
export const LIFECYCLE_FIELD_USES = {
  type: 'fully-rolled-out and always-off (release and experiment flags only), no-remote-kill-switch (operational flags)',
  owner: 'no-expired-flag messages, report grouping (--group-by owner)',
  createdAt: 'fully-rolled-out (the age of a release flag)',
  expiresAt: 'expired, no-expired-flag',
  enabled: 'fully-rolled-out, always-off, and the path to keep',
} as const;

export type LifecycleField = keyof typeof LIFECYCLE_FIELD_USES;

/**
 * The lifecycle fields a flag read from another format lacks: those our format requires (type,
 * owner, createdAt; expiresAt for release and experiment flags, or when the type is unknown) and
 * the served state when the source does not decide it.
 */
export function missingLifecycleFields(flag: ManifestFlag): LifecycleField[] {
  const missing: LifecycleField[] = [];
  if (flag.type === undefined) missing.push('type');
  if (flag.owner === undefined) missing.push('owner');
  if (flag.createdAt === undefined) missing.push('createdAt');
  if (flag.expiresAt === undefined && (flag.type === undefined || flag.type === 'release' || flag.type === 'experiment'))
    missing.push('expiresAt');
  if (flag.enabled === undefined && flag.killSwitch !== true) missing.push('enabled');
  return missing;
}

/** Begins the note of a flag whose served state the source does not decide; the rest says why. */
export const STATE_UNKNOWN = 'state unknown: ';

/** Sets `missing` on a flag read from another format (left out when nothing is). */
export function withMissingFields(flag: ManifestFlag): ManifestFlag {
  const missing = missingLifecycleFields(flag);
  if (missing.length > 0) flag.missing = missing;
  return flag;
}
