// Over 400 lines: the types, barrel and flag-infrastructure modules (one long template) and the dispatch to the other renderers.
/** Renders one planned module to its source text. Each file has its own seeded generator, so order does not matter. */
import { Code, Imports, lit, relativeSpecifier, wantsMore, type Ctx } from './corpus-code.js';
import type { CorpusPlan, Entity, ModulePlan } from './corpus-plan.js';
import { renderApi, renderClient, renderConstants, renderService, renderStore, renderUtil } from './corpus-render-backend.js';
import { renderTest } from './corpus-render-tests.js';
import { renderComponent, renderHook } from './corpus-render-ui.js';
import { capitalize, pascal, Rng } from './corpus-random.js';
import { FIELDS, PHRASES } from './corpus-words.js';

const INFRA_ENTITY: Entity = {
  singular: 'user',
  plural: 'users',
  type: 'User',
  variable: 'user',
  fields: FIELDS.filter((field) => ['name', 'email', 'customerId', 'score'].includes(field.name)),
  statuses: ['active', 'pending'],
  userField: 'customerId',
  numberField: 'score',
  textField: 'name',
};

function renderTypes(ctx: Ctx): void {
  const entity = ctx.entity;
  const T = entity.type;
  const code = ctx.code;
  code.line(`export type ${T}Status = ${entity.statuses.map((status) => lit(ctx, status)).join(' | ')};`);
  code.blank();
  if (ctx.rng.chance(0.5)) code.line(`/** A ${entity.singular} as the API returns it; ${ctx.rng.pick(PHRASES)}. */`);
  code.open(`export interface ${T} {`);
  code.line('id: string;');
  for (const field of entity.fields) code.line(`${field.name}: ${field.type};`);
  code.line(`status: ${T}Status;`);
  code.close();
  code.blank();
  code.open(`export interface ${T}Filter {`);
  code.line(`status?: ${T}Status;`);
  code.line('query?: string;');
  code.line('page?: number;');
  code.line('pageSize?: number;');
  code.close();
  code.blank();
  code.open(`export interface ${T}Page {`);
  code.line(`items: ${T}[];`);
  code.line('total: number;');
  code.line('nextCursor?: string;');
  code.close();
  code.blank();
  code.line(`export type ${T}Draft = Omit<${T}, ${lit(ctx, 'id')} | ${lit(ctx, 'status')}>;`);
  const extras = [
    () => {
      code.open(`export interface ${T}Summary {`);
      code.line('count: number;');
      code.line(`total${pascal(entity.numberField)}: number;`);
      code.line(`byStatus: Record<${T}Status, number>;`);
      code.close();
    },
    () => {
      code.line(`export type ${T}Event =`);
      code.line(`  | { type: ${lit(ctx, 'created')}; ${entity.variable}: ${T} }`);
      code.line(`  | { type: ${lit(ctx, 'updated')}; ${entity.variable}: ${T}; changes: Array<keyof ${T}> }`);
      code.line(`  | { type: ${lit(ctx, 'deleted')}; id: string };`);
    },
    () => {
      code.open(`export interface ${T}Permissions {`);
      for (const verb of ctx.rng.sample(['read', 'update', 'delete', 'export', 'share', 'archive'], ctx.rng.int(2, 5)))
        code.line(`can${capitalize(verb)}: boolean;`);
      code.close();
    },
    () => code.line(`export type ${T}Patch = Partial<${T}Draft> & { id: string };`),
    () => {
      code.open(`export interface ${T}ListState {`);
      code.line(`items: ${T}[];`);
      code.line('loading: boolean;');
      code.line('error?: string;');
      code.line(`filter: ${T}Filter;`);
      code.close();
    },
    () =>
      code.line(
        `export type ${T}SortKey = ${
          entity.fields
            .filter((f) => f.type === 'number' || f.type === 'string')
            .slice(0, 4)
            .map((f) => lit(ctx, f.name))
            .join(' | ') || lit(ctx, 'id')
        };`,
      ),
    () => {
      const name = `${T}${pascal(ctx.rng.pick(['audit', 'history', 'revision', 'comment', 'attachment', 'metric']))}`;
      if (ctx.names.has(name)) return;
      ctx.names.add(name);
      code.open(`export interface ${name} {`);
      code.line('id: string;');
      code.line(`${entity.variable}Id: string;`);
      code.line('createdAt: string;');
      code.line(`author: { id: string; name: string };`);
      code.line(`payload: Record<string, unknown>;`);
      code.close();
    },
  ];
  const order = ctx.rng.shuffle([...extras.keys()]);
  for (const index of order) {
    if (!wantsMore(ctx, 4)) break;
    code.blank();
    extras[index]!();
  }
}

function renderIndex(ctx: Ctx): void {
  const domain = ctx.module.domain!;
  const code = ctx.code;
  if (ctx.rng.chance(0.3)) code.line(`// Public API of the ${domain.name} module.`);
  code.line(`export * from ${lit(ctx, './types')};`);
  const exported = domain.modules
    .filter((module) => module.reexported && module.primary !== '')
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const module of exported) {
    const names = module.kind === 'component' ? `${module.primary}, type ${module.primary}Props` : module.primary;
    code.line(`export { ${names} } from ${lit(ctx, relativeSpecifier(ctx.module.path, module.path))};`);
  }
}

function renderInfra(ctx: Ctx): void {
  const code = ctx.code;
  const plan = ctx.plan;
  const q = (text: string) => lit(ctx, text);
  switch (ctx.module.path) {
    case 'src/flags/store.ts':
      code.open('export interface FeatureFlag {');
      code.line('key: string;');
      code.line('enabled: boolean;');
      code.line('rolloutPercentage: number; // 0-100');
      code.line('targetSegments?: string[];');
      code.line('killSwitch: boolean;');
      code.close();
      code.blank();
      code.line(`export type FlagState = Partial<Omit<FeatureFlag, ${q('key')}>>;`);
      code.blank();
      code.line('/** Flags are cached locally and refreshed in the background: evaluation never waits on the network. */');
      code.open('export class FlagStore {');
      code.line('private readonly entries = new Map<string, FeatureFlag>();');
      code.line('private readonly overrides = new Map<string, FeatureFlag>();');
      code.blank();
      code.open('load(definitions: readonly FeatureFlag[]): void {');
      code.line('this.entries.clear();');
      code.line('for (const definition of definitions) this.entries.set(definition.key, definition);');
      code.close();
      code.blank();
      code.open('get(key: string): FeatureFlag | undefined {');
      code.line('return this.overrides.get(key) ?? this.entries.get(key);');
      code.close();
      code.blank();
      code.line('/** Forces a state, for tests. */');
      code.open('override(key: string, state: FlagState): void {');
      code.line('const base = this.entries.get(key) ?? { key, enabled: false, rolloutPercentage: 0, killSwitch: false };');
      code.line('this.overrides.set(key, { ...base, ...state, key });');
      code.close();
      code.blank();
      code.open('reset(): void {');
      code.line('this.overrides.clear();');
      code.close();
      code.close();
      code.blank();
      code.line('export const flags = new FlagStore();');
      break;
    case 'src/flags/evaluate.ts':
      ctx.imports.type('./store', 'FeatureFlag');
      code.open('export interface FlagContext {');
      code.line('userId: string;');
      code.line('segment?: string;');
      code.close();
      code.blank();
      code.line('/** MurmurHash3 (x86, 32-bit) of a string, seed 0. */');
      code.open('function murmurhash3(text: string): number {');
      code.line('let hash = 0;');
      code.line('const bytes = new TextEncoder().encode(text);');
      code.line('const blocks = bytes.length >> 2;');
      code.open('for (let i = 0; i < blocks; i++) {');
      code.line('let k = bytes[i * 4]! | (bytes[i * 4 + 1]! << 8) | (bytes[i * 4 + 2]! << 16) | (bytes[i * 4 + 3]! << 24);');
      code.line('k = Math.imul(k, 0xcc9e2d51);');
      code.line('k = (k << 15) | (k >>> 17);');
      code.line('hash ^= Math.imul(k, 0x1b873593);');
      code.line('hash = (hash << 13) | (hash >>> 19);');
      code.line('hash = (Math.imul(hash, 5) + 0xe6546b64) | 0;');
      code.close();
      code.line('let k = 0;');
      code.line('const tail = blocks * 4;');
      code.open('switch (bytes.length & 3) {');
      code.line('case 3:');
      code.line('  k ^= bytes[tail + 2]! << 16;');
      code.line('// falls through');
      code.line('case 2:');
      code.line('  k ^= bytes[tail + 1]! << 8;');
      code.line('// falls through');
      code.line('case 1:');
      code.line('  k ^= bytes[tail]!;');
      code.line('  k = Math.imul(k, 0xcc9e2d51);');
      code.line('  k = (k << 15) | (k >>> 17);');
      code.line('  hash ^= Math.imul(k, 0x1b873593);');
      code.close();
      code.line('hash ^= bytes.length;');
      code.line('hash ^= hash >>> 16;');
      code.line('hash = Math.imul(hash, 0x85ebca6b);');
      code.line('hash ^= hash >>> 13;');
      code.line('hash = Math.imul(hash, 0xc2b2ae35);');
      code.line('hash ^= hash >>> 16;');
      code.line('return hash >>> 0;');
      code.close();
      code.blank();
      code.open('export function bucket(flagKey: string, unitId: string): number {');
      code.line('return (murmurhash3(`${flagKey}:${unitId}`) % 100) + 1; // 1-100');
      code.close();
      code.blank();
      code.open('export function isFeatureEnabled(flag: FeatureFlag | undefined, context: FlagContext): boolean {');
      code.line('if (!flag) return false;');
      code.line('// Kill switch overrides everything');
      code.line('if (flag.killSwitch) return false;');
      code.line('if (!flag.enabled) return false;');
      code.open('if (flag.targetSegments?.length) {');
      code.open('if (!context.segment || !flag.targetSegments.includes(context.segment)) {');
      code.line('return false;');
      code.close();
      code.close();
      code.line('// Deterministic percentage rollout (same user always gets same result)');
      code.line('return bucket(flag.key, context.userId) <= flag.rolloutPercentage;');
      code.close();
      break;
    case 'src/flags/context.ts':
      ctx.imports.value('node:async_hooks', 'AsyncLocalStorage');
      ctx.imports.type('./evaluate', 'FlagContext');
      code.line('const storage = new AsyncLocalStorage<FlagContext>();');
      code.blank();
      code.open('export function runWithUser<T>(context: FlagContext, callback: () => T): T {');
      code.line('return storage.run(context, callback);');
      code.close();
      code.blank();
      code.line('/** The user of the current request, for flag evaluation. */');
      code.open('export function currentUser(): FlagContext {');
      code.line(`return storage.getStore() ?? { userId: ${q('anonymous')} };`);
      code.close();
      break;
    case 'src/flags/keys.ts': {
      code.line('/** Flag keys in one place, so a typo is a compile error. */');
      code.open('export const FLAGS = {');
      for (const flag of plan.pool) if (flag.constant !== undefined) code.line(`${flag.constant}: ${q(flag.key)},`);
      code.close('} as const;');
      code.blank();
      code.line('export type FlagKeyName = (typeof FLAGS)[keyof typeof FLAGS];');
      code.blank();
      code.open('export enum FlagKey {');
      for (const flag of plan.pool) if (flag.enumMember !== undefined) code.line(`${flag.enumMember} = ${q(flag.key)},`);
      code.close();
      break;
    }
    case 'src/flags/use-flag.ts':
      ctx.imports.value('./context', 'currentUser');
      ctx.imports.value('./evaluate', 'isFeatureEnabled');
      ctx.imports.value('./store', 'flags');
      code.line('/** Evaluates a flag for the current user. */');
      code.open('export function useFlag(name: string): boolean {');
      code.line('return isFeatureEnabled(flags.get(name), currentUser());');
      code.close();
      code.blank();
      for (const flag of plan.pool)
        if (flag.wrapper !== undefined) code.line(`export const ${flag.wrapper} = () => useFlag(${q(flag.key)});`);
      break;
    case 'src/flags/openfeature.ts':
      ctx.imports.value('@openfeature/server-sdk', 'OpenFeature');
      code.line(`export const featureClient = OpenFeature.getClient(${q('app')});`);
      break;
    case 'src/flags/index.ts':
      code.line(`export { flags, FlagStore, type FeatureFlag, type FlagState } from ${q('./store')};`);
      code.line(`export { bucket, isFeatureEnabled, type FlagContext } from ${q('./evaluate')};`);
      code.line(`export { currentUser, runWithUser } from ${q('./context')};`);
      code.line(`export { FLAGS, FlagKey, type FlagKeyName } from ${q('./keys')};`);
      code.line(`export * from ${q('./use-flag')};`);
      code.line(`export { featureClient } from ${q('./openfeature')};`);
      break;
    case 'src/flags/evaluate.test.ts': {
      for (const name of ['describe', 'expect', 'it']) ctx.imports.value('vitest', name);
      ctx.imports.value('./evaluate', 'bucket');
      ctx.imports.value('./evaluate', 'isFeatureEnabled');
      const key = plan.pool[0]!.key;
      code.line(`const base = { key: ${q(key)}, enabled: true, rolloutPercentage: 100, killSwitch: false };`);
      code.blank();
      code.open(`describe(${q('isFeatureEnabled')}, () => {`);
      const cases: Array<[string, string, string]> = [
        ['is off without a flag', "isFeatureEnabled(undefined, { userId: 'u1' })", 'false'],
        ['is on at 100%', "isFeatureEnabled(base, { userId: 'u1' })", 'true'],
        ['respects the kill switch', "isFeatureEnabled({ ...base, killSwitch: true }, { userId: 'u1' })", 'false'],
        ['is off when disabled', "isFeatureEnabled({ ...base, enabled: false }, { userId: 'u1' })", 'false'],
        ['targets segments', "isFeatureEnabled({ ...base, targetSegments: ['beta'] }, { userId: 'u1', segment: 'beta' })", 'true'],
        ['excludes other segments', "isFeatureEnabled({ ...base, targetSegments: ['beta'] }, { userId: 'u1' })", 'false'],
      ];
      for (const [title, expression, expected] of cases) {
        code.open(`it(${q(title)}, () => {`);
        code.line(`expect(${ctx.quote === "'" ? expression : expression.replace(/'/g, '"')}).toBe(${expected});`);
        code.close('});');
        code.blank();
      }
      code.open(`it(${q('buckets deterministically')}, () => {`);
      code.line(`expect(bucket(${q(key)}, ${q('user-42')})).toBe(bucket(${q(key)}, ${q('user-42')}));`);
      code.close('});');
      code.close('});');
      break;
    }
    case 'src/lib/logger.ts':
      code.line(`type Level = ${['debug', 'info', 'warn', 'error'].map(q).join(' | ')};`);
      code.blank();
      code.open('function write(level: Level, message: string, fields: Record<string, unknown> = {}): void {');
      code.line('const line = JSON.stringify({ level, message, ...fields, time: new Date().toISOString() });');
      code.line(`if (level === ${q('error')} || level === ${q('warn')}) console.error(line);`);
      code.line('else console.log(line);');
      code.close();
      code.blank();
      code.open('export const logger = {');
      for (const level of ['debug', 'info', 'warn', 'error'])
        code.line(`${level}: (message: string, fields?: Record<string, unknown>) => write(${q(level)}, message, fields),`);
      code.close('};');
      break;
    case 'src/lib/metrics.ts':
      code.line('type Tags = Record<string, string>;');
      code.line('const counters = new Map<string, number>();');
      code.line('const histograms = new Map<string, number[]>();');
      code.blank();
      code.open('export const metrics = {');
      code.open('increment(name: string, tags: Tags = {}): void {');
      code.line('const key = `${name}${JSON.stringify(tags)}`;');
      code.line('counters.set(key, (counters.get(key) ?? 0) + 1);');
      code.close('},');
      code.open('histogram(name: string, value: number, tags: Tags = {}): void {');
      code.line('const key = `${name}${JSON.stringify(tags)}`;');
      code.line('const values = histograms.get(key) ?? [];');
      code.line('values.push(value);');
      code.line('histograms.set(key, values);');
      code.close('},');
      code.close('};');
      break;
    case 'src/lib/analytics.ts':
      code.line('const queue: Array<{ event: string; properties: Record<string, unknown> }> = [];');
      code.blank();
      code.open('export const analytics = {');
      code.open('track(event: string, properties: Record<string, unknown> = {}): void {');
      code.line('queue.push({ event, properties });');
      code.line('if (queue.length >= 50) void this.flush();');
      code.close('},');
      code.open('async flush(): Promise<void> {');
      code.line('const batch = queue.splice(0, queue.length);');
      code.line(`if (batch.length > 0) await fetch(${q('/analytics/batch')}, { method: ${q('POST')}, body: JSON.stringify(batch) });`);
      code.close('},');
      code.close('};');
      break;
    case 'src/lib/http.ts':
      code.open('export interface HttpClient {');
      code.line('get<T>(path: string): Promise<T>;');
      code.line('post<T = unknown>(path: string, body: unknown): Promise<T>;');
      code.line('put<T = unknown>(path: string, body: unknown): Promise<T>;');
      code.line('delete(path: string): Promise<void>;');
      code.close();
      code.blank();
      code.open('function createHttpClient(baseUrl: string): HttpClient {');
      code.open('const send = async <T>(method: string, path: string, body?: unknown): Promise<T> => {');
      code.line(
        `const response = await fetch(\`\${baseUrl}\${path}\`, { method, headers: { ${q('content-type')}: ${q('application/json')} }, body: body === undefined ? undefined : JSON.stringify(body) });`,
      );
      code.line('if (!response.ok) throw new Error(`${method} ${path} failed with ${response.status}`);');
      code.line(`return (response.status === 204 ? undefined : await response.json()) as T;`);
      code.close('};');
      code.open('return {');
      code.line(`get: (path) => send(${q('GET')}, path),`);
      code.line(`post: (path, body) => send(${q('POST')}, path, body),`);
      code.line(`put: (path, body) => send(${q('PUT')}, path, body),`);
      code.line(`delete: (path) => send(${q('DELETE')}, path),`);
      code.close('};');
      code.close();
      code.blank();
      code.line(`export const http = createHttpClient(process.env.API_BASE_URL ?? ${q('')});`);
      break;
    case 'src/lib/cache.ts':
      code.open('export class TtlCache<V> {');
      code.line('private readonly entries = new Map<string, { value: V; expiresAt: number }>();');
      code.blank();
      code.line('constructor(private readonly ttlMs = 60_000) {}');
      code.blank();
      code.open('get(key: string): V | undefined {');
      code.line('const entry = this.entries.get(key);');
      code.line('if (!entry || entry.expiresAt < Date.now()) return undefined;');
      code.line('return entry.value;');
      code.close();
      code.blank();
      code.open('set(key: string, value: V): void {');
      code.line('this.entries.set(key, { value, expiresAt: Date.now() + this.ttlMs });');
      code.close();
      code.close();
      break;
    case 'src/lib/session.ts':
      ctx.imports.value('react', 'createContext');
      ctx.imports.value('react', 'useContext');
      code.open('export interface SessionUser {');
      code.line('id: string;');
      code.line('name: string;');
      code.line('segment?: string;');
      code.close();
      code.blank();
      code.line(`export const SessionContext = createContext<SessionUser>({ id: ${q('anonymous')}, name: ${q('Guest')} });`);
      code.blank();
      code.open('export function useCurrentUser(): SessionUser {');
      code.line('return useContext(SessionContext);');
      code.close();
      break;
    case 'src/lib/api.ts':
      code.open('export interface ApiRequest {');
      code.line('params: Record<string, string | undefined>;');
      code.line('query: Record<string, string | undefined>;');
      code.line('body: unknown;');
      code.line('user?: { id: string; segment?: string };');
      code.close();
      code.blank();
      code.open('export interface ApiResponse {');
      code.line('status(code: number): ApiResponse;');
      code.line('json(body: unknown): void;');
      code.close();
      break;
    case 'src/lib/index.ts':
      code.line(`export { analytics } from ${q('./analytics')};`);
      code.line(`export type { ApiRequest, ApiResponse } from ${q('./api')};`);
      code.line(`export { TtlCache } from ${q('./cache')};`);
      code.line(`export { http, type HttpClient } from ${q('./http')};`);
      code.line(`export { logger } from ${q('./logger')};`);
      code.line(`export { metrics } from ${q('./metrics')};`);
      code.line(`export { SessionContext, useCurrentUser, type SessionUser } from ${q('./session')};`);
      break;
    default:
      throw new Error(`no renderer for ${ctx.module.path}`);
  }
}

/** The source text of one module. */
export function renderModule(plan: CorpusPlan, module: ModulePlan): string {
  const rng = new Rng(`${plan.seed}/file/${module.path}`);
  const domain = module.domain;
  const ctx: Ctx = {
    rng,
    plan,
    module,
    imports: new Imports(),
    preamble: new Code(),
    code: new Code(),
    quote: domain?.quote ?? plan.quote,
    names: new Set(),
    entity: domain?.entity ?? INFRA_ENTITY,
    infraStyle: rng.weighted<Ctx['infraStyle']>([
      ['barrel', 60],
      ['deep', 25],
      ['relative', 15],
    ]),
  };
  // Names this file imports or declares up front, so helpers never collide with them.
  ctx.names.add(module.primary);
  for (const dep of module.deps) ctx.names.add(dep.primary);
  if (domain !== undefined && module.kind !== 'types') ctx.names.add(domain.entity.type);
  switch (module.kind) {
    case 'infra':
      renderInfra(ctx);
      break;
    case 'index':
      if (domain === undefined) renderInfra(ctx);
      else renderIndex(ctx);
      break;
    case 'types':
      renderTypes(ctx);
      break;
    case 'test':
      if (domain === undefined) renderInfra(ctx);
      else renderTest(ctx);
      break;
    case 'service':
      renderService(ctx);
      break;
    case 'api':
      renderApi(ctx);
      break;
    case 'util':
    case 'mapper':
    case 'validation':
      renderUtil(ctx);
      break;
    case 'constants':
      renderConstants(ctx);
      break;
    case 'client':
      renderClient(ctx);
      break;
    case 'store':
      renderStore(ctx);
      break;
    case 'component':
      renderComponent(ctx);
      break;
    case 'hook':
      renderHook(ctx);
      break;
  }
  const lines: string[] = [];
  const imports = ctx.imports.render(ctx.quote);
  if (imports.length > 0) lines.push(...imports, '');
  if (ctx.preamble.length > 0) lines.push(...ctx.preamble.lines, '');
  let start = 0;
  while (start < ctx.code.lines.length && ctx.code.lines[start] === '') start++;
  lines.push(...ctx.code.lines.slice(start));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n') + '\n';
}
