import type { PolicySettings } from '../config/schema.js';
import { DEFAULT_POLICY } from '../config/schema.js';
import { daysBetween, type IsoDate } from '../dates.js';
import type { ManifestFlag } from './types.js';

/** Why a flag is ready for removal (the contracts' table). */
export type RemovalReason = 'expired' | 'fully-rolled-out' | 'always-off' | 'not-evaluated' | 'unreferenced';

export const REMOVAL_REASONS: readonly RemovalReason[] = ['expired', 'fully-rolled-out', 'always-off', 'not-evaluated', 'unreferenced'];

/** Which path of the code survives the flag's removal; null when the state does not decide it. */
export type KeepPath = 'on' | 'off' | null;

export interface FlagAssessment {
  key: string;
  readyForRemoval: boolean;
  reasons: RemovalReason[];
  keep: KeepPath;
  /** Whole days since createdAt; undefined when the manifest's format does not carry createdAt. */
  ageDays?: number;
  /** Whole days until expiresAt (negative once past), when it has one. */
  expiresInDays?: number;
  /** Expires within the policy's expiringSoonDays (and not yet expired). */
  expiringSoon: boolean;
}

export interface PolicyInput {
  today: IsoDate;
  policy?: PolicySettings;
  /**
   * Whether code outside test files evaluates the flag. Undefined when unknown (a single file in
   * an editor cannot know), in which case `unreferenced` is never concluded.
   */
  referencedOutsideTests?: boolean;
}

/** The state the flag is in, as far as its manifest entry says. */
export function servedState(flag: Pick<ManifestFlag, 'enabled' | 'killSwitch' | 'rolloutPercentage' | 'targetSegments'>): KeepPath {
  if (flag.killSwitch === true || flag.enabled === false) return 'off';
  if (flag.enabled === true && flag.rolloutPercentage === 0) return 'off';
  const segmented = (flag.targetSegments?.length ?? 0) > 0;
  if (flag.enabled === true && (flag.rolloutPercentage ?? 100) >= 100 && !segmented) return 'on';
  return null;
}

/**
 * Decides, purely from the manifest entry, the references and today, whether a flag is ready for
 * removal and which path to keep. Generalises the hygiene article's findStaleFlags: release flags
 * fully rolled out for longer than releaseMaxAgeDays (the article compares a rolloutPercentage its
 * metadata never carries; here the manifest carries it), expired flags, flags not evaluated for
 * unevaluatedDays, plus always-off and unreferenced flags. Permission and operational flags never
 * age out: only an explicit expiry, a stale evaluation date or the absence of code removes them.
 */
export function assessFlag(flag: ManifestFlag, input: PolicyInput): FlagAssessment {
  const policy = { ...DEFAULT_POLICY, ...input.policy };
  const reasons: RemovalReason[] = [];
  const state = servedState(flag);
  // A format without createdAt (OpenFeature, flagd without metadata) leaves the age unknown: no age-based reason.
  const ageDays = flag.createdAt === undefined ? undefined : daysBetween(flag.createdAt, input.today);
  const expiresInDays = flag.expiresAt === undefined ? undefined : daysBetween(input.today, flag.expiresAt);
  const temporary = flag.type === 'release' || flag.type === 'experiment';

  if (expiresInDays !== undefined && expiresInDays < 0) reasons.push('expired');
  if (
    flag.type === 'release' &&
    ageDays !== undefined &&
    ageDays > policy.releaseMaxAgeDays &&
    flag.enabled === true &&
    (flag.rolloutPercentage ?? 100) >= 100 &&
    (flag.targetSegments?.length ?? 0) === 0 &&
    flag.killSwitch !== true
  ) {
    reasons.push('fully-rolled-out');
  }
  if (temporary && state === 'off') reasons.push('always-off');
  if (flag.lastEvaluated !== undefined && daysBetween(flag.lastEvaluated, input.today) > policy.unevaluatedDays) {
    reasons.push('not-evaluated');
  }
  if (input.referencedOutsideTests === false) reasons.push('unreferenced');

  let keep: KeepPath = null;
  if (reasons.includes('fully-rolled-out')) keep = 'on';
  else if (reasons.includes('always-off')) keep = 'off';
  else if (reasons.includes('expired') || reasons.includes('not-evaluated')) keep = state;

  const assessment: FlagAssessment = {
    key: flag.key,
    readyForRemoval: reasons.length > 0,
    reasons,
    keep,
    expiringSoon: expiresInDays !== undefined && expiresInDays >= 0 && expiresInDays <= policy.expiringSoonDays,
  };
  if (ageDays !== undefined) assessment.ageDays = ageDays;
  if (expiresInDays !== undefined) assessment.expiresInDays = expiresInDays;
  return assessment;
}

/**
 * The flags ready for removal, in manifest order. `referencedOutsideTests` tells, per key, whether
 * code outside tests evaluates it; without it, `unreferenced` is not considered.
 */
export function findStaleFlags(
  flags: Iterable<ManifestFlag>,
  options: { today: IsoDate; policy?: PolicySettings; referencedOutsideTests?: (key: string) => boolean },
): FlagAssessment[] {
  const stale: FlagAssessment[] = [];
  for (const flag of flags) {
    const input: PolicyInput = { today: options.today };
    if (options.policy) input.policy = options.policy;
    if (options.referencedOutsideTests) input.referencedOutsideTests = options.referencedOutsideTests(flag.key);
    const assessment = assessFlag(flag, input);
    if (assessment.readyForRemoval) stale.push(assessment);
  }
  return stale;
}
