import type { JsonPath } from '../../schema-errors.js';
import type { FlagType } from '../schema.js';
import type { ManifestFlag } from '../types.js';
import type { Locate } from '../validate.js';
import { STATE_UNKNOWN, withMissingFields } from './missing.js';
import { calendarDate, describeValue, isRecord, ProblemList, roundPercentage, type FormatReadResult } from './reader.js';

/** Unleash's flag types; a kill switch is what our format calls an operational flag. */
const UNLEASH_TYPES: Record<string, FlagType> = {
  release: 'release',
  experiment: 'experiment',
  operational: 'operational',
  'kill-switch': 'operational',
  permission: 'permission',
};

/** Strategies whose parameter is the share of users that get the flag. */
const PERCENTAGE_PARAMETERS: Record<string, string> = {
  flexibleRollout: 'rollout',
  gradualRolloutRandom: 'percentage',
  gradualRolloutUserId: 'percentage',
  gradualRolloutSessionId: 'percentage',
};

/** The environment whose state is read: production when the export has it, else the first listed. */
const PREFERRED_ENVIRONMENT = 'production';

interface Strategy {
  name: string;
  parameters: Record<string, unknown>;
  constraints: unknown[];
  segmentIds: unknown[];
  path: JsonPath;
}

interface Environment {
  name: string | undefined;
  enabled: boolean;
  lastSeenAt: unknown;
  lastSeenAtPath: JsonPath;
  strategies: Strategy[];
}

/** What one strategy turns on: everyone, a share (of some segments), or something the export cannot say. */
type Coverage = { kind: 'share'; percentage: number; segments: string[] } | { kind: 'conditional'; why: string };

interface ExportIndex {
  strategiesByFeature: Map<string, { environment: string | undefined; strategy: Strategy }[]>;
  environmentsByFeature: Map<string, Environment[]>;
  segmentNames: Map<unknown, string>;
}

function listAt(data: Record<string, unknown>, field: string, problems: ProblemList): { item: unknown; path: JsonPath }[] {
  const value = data[field];
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.add([field], `must be a list, got ${describeValue(value)}`, { field });
    return [];
  }
  return value.map((item: unknown, index) => ({ item, path: [field, index] }));
}

function readStrategy(raw: Record<string, unknown>, path: JsonPath, segmentIds: unknown[]): Strategy {
  return {
    // The features-batch export says `name`, the older state export `strategyName`.
    name: typeof raw.name === 'string' ? raw.name : typeof raw.strategyName === 'string' ? raw.strategyName : '',
    parameters: isRecord(raw.parameters) ? raw.parameters : {},
    constraints: Array.isArray(raw.constraints) ? raw.constraints : [],
    segmentIds,
    path,
  };
}

/** Indexes the export's strategies, environments and segments by feature. */
function indexExport(data: Record<string, unknown>, problems: ProblemList): ExportIndex {
  const segmentNames = new Map<unknown, string>();
  for (const { item, path } of listAt(data, 'segments', problems)) {
    if (!isRecord(item) || typeof item.id !== 'number' || typeof item.name !== 'string') {
      problems.add(path, 'a segment needs a numeric "id" and a "name"', { field: 'segments' });
      continue;
    }
    segmentNames.set(item.id, item.name);
  }
  // The state export links strategies to segments in a table of its own.
  const segmentsOfStrategy = new Map<unknown, unknown[]>();
  for (const { item } of listAt(data, 'featureStrategySegments', problems)) {
    if (!isRecord(item)) continue;
    const list = segmentsOfStrategy.get(item.featureStrategyId) ?? [];
    list.push(item.segmentId);
    segmentsOfStrategy.set(item.featureStrategyId, list);
  }
  const strategiesByFeature: ExportIndex['strategiesByFeature'] = new Map();
  for (const { item, path } of listAt(data, 'featureStrategies', problems)) {
    if (!isRecord(item) || typeof item.featureName !== 'string') {
      problems.add(path, 'a feature strategy needs the "featureName" it belongs to', { field: 'featureStrategies' });
      continue;
    }
    if (item.disabled === true) continue;
    const segmentIds = Array.isArray(item.segments) ? item.segments : (segmentsOfStrategy.get(item.id) ?? []);
    const strategy = readStrategy(item, path, segmentIds);
    // Checked here, whichever environment it belongs to; the state is read from one only.
    coverageOf(strategy, item.featureName, segmentNames, problems);
    const list = strategiesByFeature.get(item.featureName) ?? [];
    list.push({ environment: typeof item.environment === 'string' ? item.environment : undefined, strategy });
    strategiesByFeature.set(item.featureName, list);
  }
  const environmentsByFeature: ExportIndex['environmentsByFeature'] = new Map();
  for (const { item, path } of listAt(data, 'featureEnvironments', problems)) {
    if (!isRecord(item) || typeof item.featureName !== 'string' || typeof item.enabled !== 'boolean') {
      const flag = isRecord(item) && typeof item.featureName === 'string' ? { flag: item.featureName } : {};
      problems.add(path, 'a feature environment needs "featureName" and "enabled" (true or false)', {
        ...flag,
        field: 'featureEnvironments',
      });
      continue;
    }
    const list = environmentsByFeature.get(item.featureName) ?? [];
    list.push({
      name: typeof item.environment === 'string' ? item.environment : undefined,
      enabled: item.enabled,
      lastSeenAt: item.lastSeenAt,
      lastSeenAtPath: [...path, 'lastSeenAt'],
      strategies: [],
    });
    environmentsByFeature.set(item.featureName, list);
  }
  return { strategiesByFeature, environmentsByFeature, segmentNames };
}

/** The environments of one feature: from featureEnvironments, else inline (`environments[]` of the admin API). */
function environmentsOf(feature: Record<string, unknown>, name: string, path: JsonPath, index: ExportIndex): Environment[] {
  const exported = index.environmentsByFeature.get(name);
  const strategies = index.strategiesByFeature.get(name) ?? [];
  if (exported !== undefined) {
    return exported.map((environment) => ({
      ...environment,
      strategies: strategies
        .filter((entry) => entry.environment === undefined || entry.environment === environment.name)
        .map((entry) => entry.strategy),
    }));
  }
  if (Array.isArray(feature.environments)) {
    return feature.environments.flatMap((raw: unknown, position): Environment[] => {
      if (!isRecord(raw) || typeof raw.enabled !== 'boolean') return [];
      const environmentPath = [...path, 'environments', position];
      const inline = Array.isArray(raw.strategies) ? raw.strategies : [];
      return [
        {
          name: typeof raw.name === 'string' ? raw.name : undefined,
          enabled: raw.enabled,
          lastSeenAt: raw.lastSeenAt,
          lastSeenAtPath: [...environmentPath, 'lastSeenAt'],
          strategies: inline.flatMap((strategy: unknown, at): Strategy[] =>
            isRecord(strategy) && strategy.disabled !== true
              ? [readStrategy(strategy, [...environmentPath, 'strategies', at], Array.isArray(strategy.segments) ? strategy.segments : [])]
              : [],
          ),
        },
      ];
    });
  }
  // Unleash 3's state export kept one `enabled` and the strategies on the feature itself.
  if (typeof feature.enabled === 'boolean') {
    const inline = Array.isArray(feature.strategies) ? feature.strategies : [];
    return [
      {
        name: undefined,
        enabled: feature.enabled,
        lastSeenAt: undefined,
        lastSeenAtPath: [...path, 'lastSeenAt'],
        strategies: [
          ...inline.flatMap((strategy: unknown, at): Strategy[] =>
            isRecord(strategy) ? [readStrategy(strategy, [...path, 'strategies', at], [])] : [],
          ),
          ...strategies.map((entry) => entry.strategy),
        ],
      },
    ];
  }
  return [];
}

function coverageOf(
  strategy: Strategy,
  flag: string,
  segmentNames: ReadonlyMap<unknown, string>,
  problems: ProblemList,
): Coverage | undefined {
  const segments: string[] = [];
  for (const [position, id] of strategy.segmentIds.entries()) {
    const name = segmentNames.get(id);
    if (name === undefined) {
      problems.add(
        [...strategy.path, 'segments', position],
        `refers to segment ${describeValue(id)}, which the export's "segments" do not list`,
        { flag, field: 'segments' },
      );
      return undefined;
    }
    segments.push(name);
  }
  if (strategy.constraints.length > 0) return { kind: 'conditional', why: `its ${strategy.name} strategy has constraints` };
  if (strategy.name === 'default') return { kind: 'share', percentage: 100, segments };
  const parameter = PERCENTAGE_PARAMETERS[strategy.name];
  if (parameter === undefined) return { kind: 'conditional', why: `its ${strategy.name || 'unnamed'} strategy decides per context` };
  const raw = strategy.parameters[parameter];
  const percentage = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(percentage >= 0 && percentage <= 100)) {
    problems.add([...strategy.path, 'parameters', parameter], `must be a percentage from 0 to 100, got ${describeValue(raw)}`, {
      flag,
      field: parameter,
    });
    return undefined;
  }
  return { kind: 'share', percentage, segments };
}

/**
 * The state of a feature in one environment. Strategies are alternatives (any one turns the flag
 * on), so one unconditional 100% decides it, a single strategy gives its share and segments, and
 * several partial ones are unknown.
 */
function stateOf(environment: Environment, flag: ManifestFlag, index: ExportIndex, problems: ProblemList): string | undefined {
  if (!environment.enabled) {
    flag.enabled = false;
    return undefined;
  }
  const coverages: Coverage[] = [];
  for (const strategy of environment.strategies) {
    const coverage = coverageOf(strategy, flag.key, index.segmentNames, problems);
    if (coverage === undefined) return undefined;
    coverages.push(coverage);
  }
  // An enabled environment without strategies is on for everyone.
  if (
    coverages.length === 0 ||
    coverages.some((coverage) => coverage.kind === 'share' && coverage.percentage === 100 && coverage.segments.length === 0)
  ) {
    flag.enabled = true;
    return undefined;
  }
  const only = coverages.length === 1 ? coverages[0] : undefined;
  if (only?.kind === 'share') {
    flag.enabled = true;
    if (only.percentage < 100) flag.rolloutPercentage = roundPercentage(only.percentage);
    if (only.segments.length > 0) flag.targetSegments = only.segments;
    return undefined;
  }
  if (only?.kind === 'conditional') return only.why;
  return `its ${coverages.length} strategies each turn it on for some users`;
}

/**
 * Reads an Unleash feature export: the features-batch export (`features[]`, `featureStrategies[]`
 * with `name`, `featureEnvironments[]`, `segments[]`) or the older state export (strategies with
 * `strategyName` and `environment`, `featureStrategySegments`). type maps to ours (kill-switch is
 * operational), createdAt and lastSeenAt (lastEvaluated) keep their date, the state comes from the
 * production environment (else the first), and a rollout from a flexibleRollout or gradualRollout
 * strategy. Unleash has no owner or expiry: those are listed as missing.
 */
export function readUnleashExport(data: unknown, locate: Locate): FormatReadResult {
  const problems = new ProblemList(locate);
  const flags = new Map<string, ManifestFlag>();
  const paths = new Map<string, JsonPath>();
  const positionOf = (key: string) => {
    const path = paths.get(key);
    return path === undefined ? undefined : locate([...path, 'name'], false);
  };
  if (!isRecord(data)) {
    problems.add([], 'an Unleash export is an object with a "features" list');
    return { flags, problems: problems.sorted(), positionOf };
  }
  if (!('features' in data)) problems.add(['features'], 'is required', { field: 'features' });
  const index = indexExport(data, problems);
  for (const { item: raw, path } of listAt(data, 'features', problems)) {
    if (!isRecord(raw) || typeof raw.name !== 'string' || raw.name === '') {
      problems.add(
        isRecord(raw) ? [...path, 'name'] : path,
        `a feature needs a non-empty "name", got ${describeValue(isRecord(raw) ? raw.name : raw)}`,
        { field: 'name' },
      );
      continue;
    }
    const key = raw.name;
    const subject = (field: string) => ({ flag: key, field });
    if (paths.has(key)) {
      problems.add([...path, 'name'], `feature "${key}" is exported twice`, { flag: key });
      continue;
    }
    paths.set(key, path);
    const flag: ManifestFlag = { key };
    const notes: string[] = [];
    if (raw.type !== undefined) {
      const type = typeof raw.type === 'string' ? UNLEASH_TYPES[raw.type] : undefined;
      if (type === undefined)
        problems.add(
          [...path, 'type'],
          `must be an Unleash flag type (${Object.keys(UNLEASH_TYPES).join(', ')}), got ${describeValue(raw.type)}`,
          subject('type'),
        );
      else flag.type = type;
    }
    if (raw.description !== undefined && raw.description !== null) {
      if (typeof raw.description !== 'string')
        problems.add([...path, 'description'], `must be a string, got ${describeValue(raw.description)}`, subject('description'));
      else if (raw.description !== '') flag.description = raw.description;
    }
    const date = (value: unknown, at: JsonPath, field: string): string | undefined => {
      if (value === undefined || value === null) return undefined;
      const parsed = typeof value === 'string' ? calendarDate(value) : undefined;
      if (parsed === undefined) problems.add(at, `must be an ISO 8601 date-time, got ${describeValue(value)}`, subject(field));
      return parsed;
    };
    const createdAt = date(raw.createdAt, [...path, 'createdAt'], 'createdAt');
    if (createdAt !== undefined) flag.createdAt = createdAt;
    for (const field of ['stale', 'archived'] as const) {
      if (raw[field] !== undefined && typeof raw[field] !== 'boolean')
        problems.add([...path, field], `must be true or false, got ${describeValue(raw[field])}`, subject(field));
    }
    if (raw.stale === true) notes.push('marked stale in Unleash');
    if (raw.archived === true) notes.push('archived in Unleash');

    const environments = environmentsOf(raw, key, path, index);
    const environment = environments.find((candidate) => candidate.name === PREFERRED_ENVIRONMENT) ?? environments[0];
    const lastSeen =
      date(raw.lastSeenAt, [...path, 'lastSeenAt'], 'lastSeenAt') ??
      (environment === undefined ? undefined : date(environment.lastSeenAt, environment.lastSeenAtPath, 'lastSeenAt'));
    if (lastSeen !== undefined) flag.lastEvaluated = lastSeen;
    if (environment === undefined) notes.push(`${STATE_UNKNOWN}the export has no environment for it`);
    else {
      const unknown = stateOf(environment, flag, index, problems);
      if (unknown !== undefined) notes.push(`${STATE_UNKNOWN}${unknown}`);
    }
    if (problems.invalidFlags.has(key)) continue;
    if (notes.length > 0) flag.notes = notes;
    flags.set(key, withMissingFields(flag));
  }
  return { flags, problems: problems.sorted(), positionOf };
}
