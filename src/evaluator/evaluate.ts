import murmurhash from 'murmurhash';

/** The runtime shape of a flag, as the hygiene article's `FeatureFlag`. */
export interface FeatureFlag {
  key: string;
  enabled: boolean;
  /** 0..100; a user is on when their bucket (1..100) is at most this. */
  rolloutPercentage: number;
  /** When non-empty, only contexts whose `segment` is listed can be on. */
  targetSegments?: readonly string[];
  /** Overrides everything: a killed flag is off. */
  killSwitch: boolean;
}

export interface EvaluationContext {
  userId?: string;
  segment?: string;
  readonly [field: string]: unknown;
}

export interface EvaluationOptions {
  /**
   * The context field whose value is hashed into a bucket (Unleash calls it stickiness).
   * Defaults to `userId`.
   */
  stickiness?: string;
}

/** Why an evaluation came out the way it did; the order is the order of precedence. */
export type EvaluationReason = 'kill-switch' | 'disabled' | 'segment' | 'no-unit-id' | 'rollout';

export interface EvaluationDetail {
  enabled: boolean;
  reason: EvaluationReason;
  /** The bucket, when the rollout was consulted with a unit id. */
  bucket?: number;
}

// One encoder for every call: murmurhash.v3 given a string builds a new one each time.
const utf8 = new TextEncoder();

/**
 * The bucket (1..100) of a unit for a flag: MurmurHash3 x86 32-bit, seed 0, over the UTF-8 bytes of
 * `<flagKey>:<unitId>`, modulo 100, plus one. Unleash computes the same number for a gradual rollout
 * whose group id is the flag key, so services using either agree on who is in.
 */
export function bucket(flagKey: string, unitId: string): number {
  return (murmurhash.v3(utf8.encode(`${flagKey}:${unitId}`), 0) % 100) + 1;
}

function unitIdOf(context: EvaluationContext, stickiness: string): string | undefined {
  const value = context[stickiness];
  if (typeof value === 'string') return value.length > 0 ? value : undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Evaluates a flag and says which step decided it. */
export function evaluateFlag(flag: FeatureFlag, context: EvaluationContext, options: EvaluationOptions = {}): EvaluationDetail {
  if (flag.killSwitch) return { enabled: false, reason: 'kill-switch' };
  if (!flag.enabled) return { enabled: false, reason: 'disabled' };
  const segments = flag.targetSegments;
  if (segments !== undefined && segments.length > 0) {
    const segment = context.segment;
    if (segment === undefined || !segments.includes(segment)) return { enabled: false, reason: 'segment' };
  }
  const unitId = unitIdOf(context, options.stickiness ?? 'userId');
  if (unitId === undefined) return { enabled: flag.rolloutPercentage >= 100, reason: 'no-unit-id' };
  const unitBucket = bucket(flag.key, unitId);
  return { enabled: unitBucket <= flag.rolloutPercentage, reason: 'rollout', bucket: unitBucket };
}

/**
 * Kill switch, then `enabled`, then segments, then the deterministic rollout. The same flag and
 * context always give the same answer: nothing here reads a clock or a random source.
 */
export function isFeatureEnabled(flag: FeatureFlag, context: EvaluationContext, options: EvaluationOptions = {}): boolean {
  return evaluateFlag(flag, context, options).enabled;
}
