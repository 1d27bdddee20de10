import { evaluateFlag, type EvaluationContext, type EvaluationOptions, type EvaluationReason, type FeatureFlag } from './evaluate.js';

/** One decision served by a store: which flag, which answer, why, and when. */
export interface EvaluationRecord {
  key: string;
  enabled: boolean;
  /** `missing` when the store has no flag of that key: the off path was served. */
  reason: EvaluationReason | 'missing';
  overridden: boolean;
  bucket?: number;
  time: Date;
}

export type EvaluationListener = (record: EvaluationRecord) => void;

export interface FlagStoreOptions extends EvaluationOptions {
  /** The clock used to stamp evaluation records; injectable so tests are exact. */
  now?: () => Date;
  /** How many records `evaluations()` keeps, newest last. Default 1000; 0 keeps none. */
  logLimit?: number;
}

/** `true` forces a flag fully on, `false` fully off; an object patches the stored flag. */
export type FlagOverride = boolean | Partial<Omit<FeatureFlag, 'key'>>;

export interface FlagStore {
  get(key: string): FeatureFlag | undefined;
  isEnabled(key: string, context: EvaluationContext): boolean;
  override(key: string, state: FlagOverride): void;
  /** Drops every override (and the evaluation log), back to the flags the store was made with. */
  reset(): void;
  /** Subscribes to every evaluation; returns the unsubscribe function. */
  onEvaluation(listener: EvaluationListener): () => void;
  evaluations(): readonly EvaluationRecord[];
  /** When each flag was last evaluated, as `YYYY-MM-DD` (UTC): the manifest's `lastEvaluated`. */
  lastEvaluated(): Record<string, string>;
}

const OFF_FLAG: Omit<FeatureFlag, 'key'> = { enabled: false, rolloutPercentage: 0, killSwitch: false };
const ON_STATE: Partial<FeatureFlag> = { enabled: true, rolloutPercentage: 100, killSwitch: false, targetSegments: [] };
const OFF_STATE: Partial<FeatureFlag> = { enabled: false };

function toFlagMap(flags: Iterable<FeatureFlag> | Record<string, Omit<FeatureFlag, 'key'>>): Map<string, FeatureFlag> {
  const map = new Map<string, FeatureFlag>();
  if (Symbol.iterator in flags) {
    for (const flag of flags as Iterable<FeatureFlag>) map.set(flag.key, { ...flag });
  } else {
    for (const [key, flag] of Object.entries(flags)) map.set(key, { ...flag, key });
  }
  return map;
}

/**
 * An in-memory flag store around the reference evaluator. Lookups are local (a kill switch takes
 * effect on the next call, with no network), overrides let a test force either state, and every
 * decision is recorded so a service can log the variant it served.
 */
export function createFlagStore(
  flags: Iterable<FeatureFlag> | Record<string, Omit<FeatureFlag, 'key'>>,
  options: FlagStoreOptions = {},
): FlagStore {
  const base = toFlagMap(flags);
  const overrides = new Map<string, FeatureFlag>();
  const listeners = new Set<EvaluationListener>();
  const log: EvaluationRecord[] = [];
  const lastSeen = new Map<string, Date>();
  const now = options.now ?? (() => new Date());
  const logLimit = options.logLimit ?? 1000;

  function record(entry: EvaluationRecord): void {
    lastSeen.set(entry.key, entry.time);
    if (logLimit > 0) {
      log.push(entry);
      if (log.length > logLimit) log.splice(0, log.length - logLimit);
    }
    for (const listener of listeners) listener(entry);
  }

  return {
    get(key) {
      return overrides.get(key) ?? base.get(key);
    },
    isEnabled(key, context) {
      const flag = this.get(key);
      if (flag === undefined) {
        record({ key, enabled: false, reason: 'missing', overridden: false, time: now() });
        return false;
      }
      const detail = evaluateFlag(flag, context, options);
      record({ key, ...detail, overridden: overrides.has(key), time: now() });
      return detail.enabled;
    },
    override(key, state) {
      const patch = state === true ? ON_STATE : state === false ? OFF_STATE : state;
      const current = overrides.get(key) ?? base.get(key) ?? { ...OFF_FLAG, key };
      overrides.set(key, { ...current, ...patch, key });
    },
    reset() {
      overrides.clear();
      log.length = 0;
      lastSeen.clear();
    },
    onEvaluation(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    evaluations() {
      return log;
    },
    lastEvaluated() {
      const result: Record<string, string> = {};
      for (const [key, time] of lastSeen) result[key] = time.toISOString().slice(0, 10);
      return result;
    },
  };
}
