import { bucket, evaluateFlag, type EvaluationContext, type FeatureFlag } from './evaluate.js';

/**
 * One consistency vector: a flag in a given state, a unit, and what the reference evaluator says.
 * A service in another language evaluates `{ key: flag, ... }` for `unitId` (and `segment`) and must
 * get the same `bucket` and `enabled`.
 */
export interface VectorRow {
  flag: string;
  unitId: string;
  /** 1..100, or null when the unit id is empty (no bucket is drawn). */
  bucket: number | null;
  enabled: boolean;
  flagEnabled: boolean;
  killSwitch: boolean;
  rolloutPercentage: number;
  targetSegments: string[];
  segment?: string;
}

export interface VectorOptions {
  /** The flags to cover; defaults to a built-in set spanning ASCII and multi-byte keys. */
  flags?: readonly FeatureFlag[];
  /** How many unit ids per flag (default 20). */
  users?: number;
  /** Seed of the id generator (default 1): the same seed gives the same vectors. */
  seed?: number;
}

/** What an implementation under test says for a vector; a bare boolean skips the bucket check. */
export type VectorEvaluator = (flag: FeatureFlag, context: EvaluationContext) => boolean | { enabled: boolean; bucket?: number | null };

export interface VectorMismatch {
  index: number;
  row: VectorRow;
  field: 'enabled' | 'bucket';
  expected: boolean | number | null;
  actual: unknown;
}

export interface VectorVerification {
  checked: number;
  mismatches: VectorMismatch[];
}

const BUILT_IN_FLAGS: readonly FeatureFlag[] = [
  { key: 'new_payment_processor', enabled: true, rolloutPercentage: 10, killSwitch: false },
  { key: 'recommendation_v2', enabled: true, rolloutPercentage: 50, killSwitch: false },
  { key: 'checkout-redesign-ü', enabled: true, rolloutPercentage: 25, killSwitch: false },
  { key: '推荐算法_v3', enabled: true, rolloutPercentage: 75, killSwitch: false },
  { key: 'launch-🚀', enabled: true, rolloutPercentage: 100, killSwitch: false },
  { key: 'bulk_import', enabled: true, rolloutPercentage: 100, killSwitch: false, targetSegments: ['enterprise'] },
  { key: 'external_api_circuit_breaker', enabled: true, rolloutPercentage: 100, killSwitch: true },
  { key: 'search_reranker', enabled: false, rolloutPercentage: 100, killSwitch: false },
];

/** A small seeded generator (mulberry32), so vectors never depend on Math.random. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MULTI_BYTE_WORDS = ['müller', 'ørsted', 'пользователь', '用户', 'ユーザー', '사용자', '😀', 'e\u0301', '🧑‍💻'];

/** Unit ids that exercise every encoding path: ASCII, 2-, 3- and 4-byte UTF-8, empty, very long. */
function unitIds(count: number, random: () => number): string[] {
  const pick = (n: number) => Math.floor(random() * n);
  const ids: string[] = ['', 'x'.repeat(1024) + '🚀'.repeat(64)];
  for (let i = 0; ids.length < count; i++) {
    switch (i % 4) {
      case 0:
        ids.push(`user-${pick(1_000_000)}`);
        break;
      case 1:
        ids.push(String(pick(2 ** 31)));
        break;
      case 2:
        ids.push(`${MULTI_BYTE_WORDS[pick(MULTI_BYTE_WORDS.length)]}-${pick(10_000)}`);
        break;
      default:
        ids.push(Array.from({ length: 8 }, () => pick(16).toString(16)).join('') + '-' + pick(65_536).toString(16));
    }
  }
  return ids.slice(0, count);
}

function rowFor(flag: FeatureFlag, unitId: string, segment: string | undefined): VectorRow {
  const detail = evaluateFlag(flag, segment === undefined ? { userId: unitId } : { userId: unitId, segment });
  const row: VectorRow = {
    flag: flag.key,
    unitId,
    bucket: unitId === '' ? null : bucket(flag.key, unitId),
    enabled: detail.enabled,
    flagEnabled: flag.enabled,
    killSwitch: flag.killSwitch,
    rolloutPercentage: flag.rolloutPercentage,
    targetSegments: [...(flag.targetSegments ?? [])],
  };
  if (segment !== undefined) row.segment = segment;
  return row;
}

/**
 * Rows for every flag and generated unit id, plus, for each flag, rollouts placed exactly on a
 * unit's bucket (on) and one below it (off), where off-by-one errors in other ports show up.
 */
export function generateVectors(options: VectorOptions = {}): VectorRow[] {
  const flags = options.flags ?? BUILT_IN_FLAGS;
  const ids = unitIds(Math.max(1, options.users ?? 20), seededRandom(options.seed ?? 1));
  const rows: VectorRow[] = [];
  for (const flag of flags) {
    const segments = flag.targetSegments ?? [];
    ids.forEach((unitId, index) => {
      const segment = segments.length > 0 ? (index % 2 === 0 ? segments[0] : 'other') : undefined;
      rows.push(rowFor(flag, unitId, segment));
    });
    // A short ASCII id, so the boundary rows read easily; the other ids cover the encodings.
    const boundaryId = ids.find((id) => id.startsWith('user-')) ?? 'user-1';
    const onBoundary = bucket(flag.key, boundaryId);
    for (const rolloutPercentage of [onBoundary, onBoundary - 1]) {
      const boundaryFlag: FeatureFlag = {
        key: flag.key,
        enabled: true,
        rolloutPercentage,
        killSwitch: false,
        targetSegments: [],
      };
      rows.push(rowFor(boundaryFlag, boundaryId, undefined));
    }
  }
  return rows;
}

function flagOf(row: VectorRow): FeatureFlag {
  return {
    key: row.flag,
    enabled: row.flagEnabled,
    killSwitch: row.killSwitch,
    rolloutPercentage: row.rolloutPercentage,
    targetSegments: row.targetSegments,
  };
}

/** Runs an implementation over the vectors and reports every row where it disagrees. */
export function verifyVectors(rows: readonly VectorRow[], evaluate: VectorEvaluator): VectorVerification {
  const mismatches: VectorMismatch[] = [];
  rows.forEach((row, index) => {
    const context: EvaluationContext = row.segment === undefined ? { userId: row.unitId } : { userId: row.unitId, segment: row.segment };
    const answer = evaluate(flagOf(row), context);
    const enabled = typeof answer === 'boolean' ? answer : answer.enabled;
    if (enabled !== row.enabled) {
      mismatches.push({ index, row, field: 'enabled', expected: row.enabled, actual: enabled });
    }
    if (typeof answer !== 'boolean' && answer.bucket !== undefined && row.bucket !== null && answer.bucket !== row.bucket) {
      mismatches.push({ index, row, field: 'bucket', expected: row.bucket, actual: answer.bucket });
    }
  });
  return { checked: rows.length, mismatches };
}

const CSV_COLUMNS = [
  'flag',
  'unitId',
  'bucket',
  'enabled',
  'flagEnabled',
  'killSwitch',
  'rolloutPercentage',
  'targetSegments',
  'segment',
] as const;

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** RFC 4180 CSV with a header row; `targetSegments` are joined with `|`, an absent value is empty. */
export function vectorsToCsv(rows: readonly VectorRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of rows) {
    const cells = CSV_COLUMNS.map((column) => {
      const value = row[column];
      if (value === undefined || value === null) return '';
      return csvField(Array.isArray(value) ? value.join('|') : String(value));
    });
    lines.push(cells.join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
