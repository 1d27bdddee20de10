// Over 400 lines: one renderer per backend module kind, each a long template of plain code lines.
/** Renderers for backend-ish modules: services, API handlers, clients, stores, utilities, mappers, validation, constants. */
import {
  backendDecision,
  decisionName,
  entityType,
  fresh,
  infra,
  keyExpression,
  lit,
  openFeatureClient,
  specifierFor,
  unique,
  wantsMore,
  type Ctx,
} from './corpus-code.js';
import type { FlagUse, ModulePlan, PoolFlag } from './corpus-plan.js';
import { camel, capitalize, kebab, pascal, snake, upperSnake } from './corpus-random.js';
import { ADJECTIVES, NOUNS, PHRASES, TICKET_PREFIXES, VERBS } from './corpus-words.js';

// ---------------------------------------------------------------------------------------------
// Small shared pieces.

function e(ctx: Ctx): string {
  return ctx.entity.variable;
}

/** A template-literal API path: `/api/orders/${order.id}` (with `${…}` kept literal). */
function apiPath(ctx: Ctx, ...parts: string[]): string {
  return '`/' + ['api', ...parts].join('/') + '`';
}

function interpolate(expression: string): string {
  return '${' + expression + '}';
}

export function jsdoc(ctx: Ctx, text: string): void {
  if (ctx.rng.chance(0.35)) ctx.code.line(`/** ${capitalize(text)}. */`);
  else if (ctx.rng.chance(0.12)) ctx.code.line(`// ${capitalize(ctx.rng.pick(PHRASES))}.`);
}

/** Exported entry point that exercises a module's flag decisions (what its tests call). */
export function flaggedEntry(module: ModulePlan): { kind: 'function' | 'method' | 'component' | 'hook'; name: string } {
  const entity = module.domain!.entity;
  if (module.kind === 'component') return { kind: 'component', name: module.primary };
  if (module.kind === 'hook') return { kind: 'hook', name: module.primary };
  if (module.shape === 'async-function') return { kind: 'function', name: module.primary };
  if (module.shape === 'class') return { kind: 'method', name: `process${entity.type}` };
  const first = module.flags!.keys[0]!;
  return { kind: 'function', name: `apply${pascal(...first.words)}To${entity.type}` };
}

interface Impl {
  name: string;
  write: () => void;
}

/** A module-level async implementation of one path of a decision (`chargeOrderV2`, `legacyChargeOrder`). */
function implementation(ctx: Ctx, role: 'next' | 'legacy' | 'both', flag: PoolFlag): Impl {
  const entity = ctx.entity;
  const verb = ctx.rng.pick(VERBS);
  const flagName = pascal(...flag.words);
  const name =
    role === 'legacy'
      ? fresh(ctx, () =>
          ctx.rng.pick([
            `legacy${pascal(ctx.rng.pick(VERBS))}${entity.type}`,
            `${ctx.rng.pick(VERBS)}${entity.type}Legacy`,
            `${ctx.rng.pick(VERBS)}${entity.type}V1`,
          ]),
        )
      : role === 'both'
        ? unique(ctx, `${verb}${entity.type}Combined`)
        : fresh(ctx, () => ctx.rng.pick([`${verb}${entity.type}With${flagName}`, `${verb}${entity.type}V2`, `${verb}${entity.type}Next`]));
  return {
    name,
    write: () => {
      const x = e(ctx);
      const E = entityType(ctx);
      const http = infra(ctx, 'lib/http', 'http');
      const code = ctx.code;
      code.blank();
      code.open(`async function ${name}(${x}: ${E}): Promise<${E}> {`);
      const version = role === 'legacy' ? 'v1' : 'v2';
      switch (ctx.rng.int(0, 2)) {
        case 0:
          code.line(
            `const response = await ${http}.post<Partial<${E}>>(${apiPath(ctx, version, entity.plural, interpolate(`${x}.id`), kebab(verb))}, {`,
          );
          code.line(`  ${entity.numberField}: ${x}.${entity.numberField},`);
          code.line(`  ${entity.textField}: ${x}.${entity.textField},`);
          code.line('});');
          code.line(`return { ...${x}, ...response };`);
          break;
        case 1:
          code.line(`const existing = await ${http}.get<${E}>(${apiPath(ctx, version, entity.plural, interpolate(`${x}.id`))});`);
          code.open(`if (existing.status === ${lit(ctx, entity.statuses[0]!)}) {`);
          code.line(`return existing;`);
          code.close();
          code.line(
            `return ${http}.put<${E}>(${apiPath(ctx, version, entity.plural, interpolate(`${x}.id`))}, { ...existing, ${entity.numberField}: ${x}.${entity.numberField} });`,
          );
          break;
        default:
          code.line(`const started = Date.now();`);
          code.line(`const result = await ${http}.post<${E}>(${apiPath(ctx, version, entity.plural)}, ${x});`);
          code.line(
            `${infra(ctx, 'lib/metrics', 'metrics')}.histogram(${lit(ctx, `${snake(entity.plural)}.${snake(verb)}.${version}.latency`)}, Date.now() - started);`,
          );
          code.line('return result;');
      }
      code.close();
    },
  };
}

function decisionLog(ctx: Ctx, flag: PoolFlag, style: FlagUse['style'], variable: string, subject: string): void {
  const logger = infra(ctx, 'lib/logger', 'logger');
  const key = style === 'constants' ? keyExpression(ctx, flag, style) : lit(ctx, flag.key);
  ctx.code.line(
    `${logger}.info(${lit(ctx, 'flag decision')}, { flag: ${key}, variant: ${variable} ? ${lit(ctx, 'on')} : ${lit(ctx, 'off')}, ${subject}Id: ${subject}.id });`,
  );
}

/**
 * The body of a flagged async function or method taking `${entity}` and returning it: one of the
 * article's shapes (fallback on error, if/else with metrics, early return, ternary), nested when planned.
 * Returns the implementations to write after the enclosing declaration.
 */
function decisionBody(ctx: Ctx, use: FlagUse): Impl[] {
  const code = ctx.code;
  const x = e(ctx);
  const [first, second] = use.keys;
  const taken = new Set<string>();
  const impls: Impl[] = [];
  const next = implementation(ctx, 'next', first!);
  const legacy = implementation(ctx, 'legacy', first!);
  impls.push(next, legacy);
  const d1 = decisionName(ctx, first!, false, taken);
  code.line(`const ${d1} = ${backendDecision(ctx, first!, use.style, x)};`);
  if (use.decisionLog) decisionLog(ctx, first!, use.style, d1, x);
  if (use.nested && second !== undefined) {
    const both = implementation(ctx, 'both', second);
    impls.push(both);
    if (ctx.rng.chance(0.5)) {
      code.open(`if (${d1}) {`);
      const d2 = decisionName(ctx, second, false, taken);
      code.line(`const ${d2} = ${backendDecision(ctx, second, use.style, x)};`);
      code.open(`if (${d2}) {`);
      code.line(`return ${both.name}(${x});`);
      code.close();
      code.line(`return ${next.name}(${x});`);
      code.close();
    } else {
      code.open(`if (${d1} && ${backendDecision(ctx, second, use.style, x)}) {`);
      code.line(`return ${both.name}(${x});`);
      code.close();
      code.open(`if (${d1}) {`);
      code.line(`return ${next.name}(${x});`);
      code.close();
    }
    code.line(`return ${legacy.name}(${x});`);
    return impls;
  }
  const domain = snake(ctx.module.domain!.name);
  switch (ctx.rng.int(0, 3)) {
    case 0:
      code.open(`if (${d1}) {`);
      code.open('try {');
      code.line(`return await ${next.name}(${x});`);
      code.close('} catch (error) {');
      code.line('  // If the new path fails, automatically fall back');
      code.line(`  ${infra(ctx, 'lib/metrics', 'metrics')}.increment(${lit(ctx, `${domain}.${snake(...first!.words)}.fallback`)});`);
      code.line(`  ${infra(ctx, 'lib/logger', 'logger')}.warn(${lit(ctx, 'falling back to the legacy path')}, { id: ${x}.id, error });`);
      code.line(`  return await ${legacy.name}(${x});`);
      code.line('}');
      code.close();
      code.line(`return await ${legacy.name}(${x});`);
      break;
    case 1: {
      const E = entityType(ctx);
      code.line('const startTime = Date.now();');
      code.line(`let result: ${E};`);
      code.line('let algorithm: string;');
      code.open(`if (${d1}) {`);
      code.line(`result = await ${next.name}(${x});`);
      code.line(`algorithm = ${lit(ctx, 'v2')};`);
      code.close('} else {');
      code.line(`  result = await ${legacy.name}(${x});`);
      code.line(`  algorithm = ${lit(ctx, 'v1')};`);
      code.line('}');
      code.line(
        `${infra(ctx, 'lib/metrics', 'metrics')}.histogram(${lit(ctx, `${domain}.latency`)}, Date.now() - startTime, { algorithm });`,
      );
      code.open(`${infra(ctx, 'lib/analytics', 'analytics')}.track(${lit(ctx, `${domain}_served`)}, {`);
      code.line(`id: ${x}.id,`);
      code.line('algorithm,');
      code.close('});');
      code.line('return result;');
      break;
    }
    case 2:
      code.open(`if (!${d1}) {`);
      code.line(`return ${legacy.name}(${x});`);
      code.close();
      code.line(`const enriched = await ${next.name}(${x});`);
      code.line(
        `${infra(ctx, 'lib/logger', 'logger')}.debug(${lit(ctx, `${ctx.entity.singular} processed on the new path`)}, { id: enriched.id });`,
      );
      code.line('return enriched;');
      break;
    default:
      code.line(`return ${d1} ? ${next.name}(${x}) : ${legacy.name}(${x});`);
  }
  return impls;
}

function writeImpls(impls: readonly Impl[]): void {
  for (const impl of impls) impl.write();
}

/** A top-level exported async function holding the module's main flag decision. */
function flaggedFunction(ctx: Ctx, name: string, use: FlagUse): void {
  const x = e(ctx);
  const E = entityType(ctx);
  ctx.code.blank();
  jsdoc(ctx, `${ctx.rng.pick(VERBS)}s the ${ctx.entity.singular}, on the path the flag decides`);
  ctx.code.open(`export async function ${name}(${x}: ${E}): Promise<${E}> {`);
  const impls = decisionBody(ctx, use);
  ctx.code.close();
  writeImpls(impls);
}

/** The extra flag uses of a module: more keys, a kill switch, a dynamic key, a misspelt key. */
export function flagExtras(ctx: Ctx, use: FlagUse, firstKeysHandled: number): void {
  const code = ctx.code;
  const x = e(ctx);
  const E = entityType(ctx);
  for (const flag of use.keys.slice(firstKeysHandled)) {
    const taken = new Set<string>();
    const name = fresh(
      ctx,
      () => `${ctx.rng.pick(VERBS)}${ctx.entity.type}${ctx.rng.pick(['For', 'With', 'Using'])}${pascal(...flag.words)}`,
    );
    const impl = implementation(ctx, 'next', flag);
    code.blank();
    code.open(`export async function ${name}(${x}: ${E}): Promise<${E}> {`);
    const d = decisionName(ctx, flag, false, taken);
    code.line(`const ${d} = ${backendDecision(ctx, flag, use.style, x)};`);
    if (use.decisionLog && ctx.rng.chance(0.5)) decisionLog(ctx, flag, use.style, d, x);
    code.line(`return ${d} ? ${impl.name}(${x}) : ${x};`);
    code.close();
    impl.write();
  }
  if (use.killSwitch !== undefined) {
    const flag = use.killSwitch;
    const store = infra(ctx, 'flags/store', 'flags');
    const http = infra(ctx, 'lib/http', 'http');
    const key =
      use.style === 'constants' && (flag.constant !== undefined || flag.enumMember !== undefined)
        ? keyExpression(ctx, flag, 'constants')
        : lit(ctx, flag.key);
    const cache = unique(ctx, `cached${ctx.entity.type}Responses`);
    const name = fresh(
      ctx,
      () =>
        `${ctx.rng.pick(['call', 'fetch', 'load', 'request'])}${ctx.entity.type}${ctx.rng.pick(['Api', 'Upstream', 'Remote', 'External'])}`,
    );
    ctx.preamble.line(`const ${cache} = new Map<string, ${E}>();`);
    code.blank();
    code.line('// Operational flag for circuit breaking');
    code.open(`export async function ${name}(id: string): Promise<${E} | undefined> {`);
    if (ctx.rng.chance(0.6)) {
      code.open(`if (${store}.get(${key})?.killSwitch) {`);
    } else {
      code.line(`const breaker = ${store}.get(${key});`);
      code.open('if (breaker?.killSwitch) {');
    }
    code.line('// Return the cached response while the circuit is open');
    code.line(`return ${cache}.get(id);`);
    code.close();
    code.line(`const fresh = await ${http}.get<${E}>(${apiPath(ctx, ctx.entity.plural, interpolate('id'))});`);
    code.line(`${cache}.set(id, fresh);`);
    code.line('return fresh;');
    code.close();
  }
  if (use.dynamic) dynamicKey(ctx, use);
  if (use.typo !== undefined) {
    const typo = use.typo;
    const name = fresh(ctx, () => `${camel(typo)}${ctx.rng.pick(['Active', 'On', 'Allowed'])}`);
    code.blank();
    code.open(`export function ${name}(userId: string): boolean {`);
    code.line(
      `return ${infra(ctx, 'flags/evaluate', 'isFeatureEnabled')}(${infra(ctx, 'flags/store', 'flags')}.get(${lit(ctx, use.typo)}), { userId });`,
    );
    code.close();
  }
}

/** A key built at run time: `flags.get(`${prefix}-beta`)`, `useFlag(`${section}-redesign`)`… */
function dynamicKey(ctx: Ctx, use: FlagUse): void {
  const code = ctx.code;
  const suffix = ctx.rng.pick(['beta', 'redesign', 'v2', 'rollout', 'enabled']);
  const part = ctx.rng.pick(['prefix', 'section', 'experiment', 'area']);
  const template = '`' + interpolate(part) + (ctx.rng.chance(0.7) ? '-' : '_') + suffix + '`';
  code.blank();
  switch (use.style) {
    case 'wrapper': {
      const name = fresh(ctx, () => `is${pascal(part)}${capitalize(suffix)}Enabled`);
      code.open(`export function ${name}(${part}: string): boolean {`);
      code.line(`return ${infra(ctx, 'flags/use-flag', 'useFlag')}(${template});`);
      code.close();
      break;
    }
    case 'openfeature': {
      const client = openFeatureClient(ctx);
      const name = fresh(ctx, () => `has${pascal(part)}${capitalize(suffix)}`);
      code.open(`export async function ${name}(${part}: string, targetingKey: string): Promise<boolean> {`);
      code.line(`return ${client}.getBooleanValue(${template}, false, { targetingKey });`);
      code.close();
      break;
    }
    default: {
      const name = fresh(ctx, () => `is${pascal(part)}${capitalize(suffix)}Enabled`);
      const evaluate = infra(ctx, 'flags/evaluate', 'isFeatureEnabled');
      const store = infra(ctx, 'flags/store', 'flags');
      if (ctx.rng.chance(0.7)) {
        code.open(`export function ${name}(${part}: string, userId: string): boolean {`);
        code.line(`return ${evaluate}(${store}.get(${template}), { userId });`);
      } else {
        code.open(`export function ${name}(${part}: string, userId: string): boolean {`);
        code.line(`const key = [${part}, ${lit(ctx, suffix)}].join(${lit(ctx, '-')});`);
        code.line(`return ${evaluate}(${store}.get(key), { userId });`);
      }
      code.close();
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Dependencies and look-alikes.

/** A function that uses what the module imports from other modules. */
export function depUsage(ctx: Ctx): void {
  const deps = ctx.module.deps.filter((dep) => dep.kind !== 'component' && dep.kind !== 'hook');
  if (deps.length === 0) return;
  const code = ctx.code;
  const x = e(ctx);
  const E = entityType(ctx);
  const name = fresh(
    ctx,
    () => `${ctx.rng.pick(VERBS)}${ctx.entity.type}${ctx.rng.pick(['Pipeline', 'Step', 'Details', 'Context', 'Batch', 'Preview'])}`,
  );
  const locals: string[] = [];
  const body: string[] = [];
  for (const dep of deps) {
    const imported = ctx.imports.value(specifierFor(ctx, dep), dep.primary);
    const local = `${camel(...dep.words)}${locals.length + 1}`;
    locals.push(local);
    if (dep.shape === 'async-function') body.push(`const ${local} = await ${imported}(${x});`);
    else if (dep.shape === 'class' && dep.kind === 'client') body.push(`const ${local} = await new ${imported}().fetchById(${x}.id);`);
    else if (dep.shape === 'class') body.push(`const ${local} = await new ${imported}().getById(${x}.id);`);
    else if (dep.kind === 'store' && dep.domain === ctx.module.domain)
      body.push(`const ${local} = ${imported}();`, `${local}.upsert(${x});`);
    else if (dep.kind === 'store') body.push(`const ${local} = ${imported}().all().length;`);
    else body.push(`const ${local} = ${imported}(${x});`);
  }
  code.blank();
  jsdoc(ctx, `${ctx.rng.pick(PHRASES)}`);
  code.open(`export async function ${name}(${x}: ${E}): Promise<void> {`);
  for (const line of body) code.line(line);
  code.line(`${infra(ctx, 'lib/logger', 'logger')}.debug(${lit(ctx, kebab(name))}, { ${locals.join(', ')} });`);
  code.close();
}

/** Code that mentions `flags`, `isEnabled`, `.get(` and the like without evaluating any feature flag. */
export function noiseBlock(ctx: Ctx): void {
  const kind = ctx.module.noise;
  if (kind === undefined) return;
  const code = ctx.code;
  const T = ctx.entity.type;
  const v = ctx.entity.variable;
  code.blank();
  switch (kind) {
    case 'settings-get': {
      const settings = unique(ctx, `${v}Settings`);
      const name = unique(ctx, `${v}Setting`);
      code.open(`const ${settings} = new Map<string, string>([`);
      code.line(`[${lit(ctx, 'pageSize')}, ${lit(ctx, '25')}],`);
      code.line(`[${lit(ctx, 'sort')}, ${lit(ctx, ctx.entity.numberField)}],`);
      code.line(`[${lit(ctx, 'currency')}, ${lit(ctx, 'EUR')}],`);
      code.close(']);');
      code.blank();
      code.open(`export function ${name}(name: string, fallback = ${lit(ctx, '')}): string {`);
      code.line(`return ${settings}.get(name) ?? fallback;`);
      code.close();
      break;
    }
    case 'feature-list': {
      const type = unique(ctx, `${T}PlanFeatures`);
      const name = unique(ctx, `${v}PlanAllows`);
      code.open(`export interface ${type} {`);
      code.line('flags: string[];');
      code.line('limits: Map<string, number>;');
      code.close();
      code.blank();
      code.open(`export function ${name}(featureList: ${type}, feature: string): boolean {`);
      code.line('return featureList.flags.includes(feature) && (featureList.limits.get(feature) ?? 0) > 0;');
      code.close();
      break;
    }
    case 'toggles': {
      const cls = unique(ctx, `${T}ViewToggles`);
      const instance = unique(ctx, `${v}ViewToggles`);
      const name = unique(ctx, `${v}Density`);
      code.open(`class ${cls} {`);
      code.line(`private readonly enabled = new Set<string>([${lit(ctx, 'compact-rows')}]);`);
      code.blank();
      code.open('isEnabled(name: string): boolean {');
      code.line('return this.enabled.has(name);');
      code.close();
      code.blank();
      code.open('toggle(name: string): void {');
      code.line('if (this.enabled.has(name)) this.enabled.delete(name);');
      code.line('else this.enabled.add(name);');
      code.close();
      code.close();
      code.blank();
      code.line(`export const ${instance} = new ${cls}();`);
      code.blank();
      code.open(`export function ${name}(): ${lit(ctx, 'compact')} | ${lit(ctx, 'comfortable')} {`);
      code.line(`return ${instance}.isEnabled(${lit(ctx, 'compact-rows')}) ? ${lit(ctx, 'compact')} : ${lit(ctx, 'comfortable')};`);
      code.close();
      break;
    }
    case 'cli-flags': {
      const name = unique(ctx, `parse${T}Args`);
      code.open(`export function ${name}(argv: readonly string[]): { flags: Set<string>; positional: string[] } {`);
      code.line('const flags = new Set<string>();');
      code.line('const positional: string[] = [];');
      code.open('for (const arg of argv) {');
      code.line(`if (arg.startsWith(${lit(ctx, '--')})) flags.add(arg.slice(2));`);
      code.line('else positional.push(arg);');
      code.close();
      code.line('return { flags, positional };');
      code.close();
      break;
    }
    case 'comment': {
      const old = kebab(ctx.rng.pick(ADJECTIVES), ctx.rng.pick(NOUNS));
      const ticket = `${ctx.rng.pick(TICKET_PREFIXES)}-${ctx.rng.int(100, 9999)}`;
      if (ctx.rng.chance(0.5)) code.line(`// This used to be gated with flags.get('${old}'); the flag was removed in ${ticket}.`);
      else code.line(`// No isFeatureEnabled() check here: ${ctx.rng.pick(PHRASES)} (${ticket}).`);
      const name = unique(ctx, `${v}DisplayName`);
      code.open(`export function ${name}(${v}: { id: string; ${ctx.entity.textField}?: string }): string {`);
      code.line(`return ${v}.${ctx.entity.textField}?.trim() || ${v}.id;`);
      code.close();
      break;
    }
    case 'bit-flags': {
      const enumName = unique(ctx, `${T}Flags`);
      const name = unique(ctx, `has${T}Flag`);
      code.open(`export enum ${enumName} {`);
      code.line('None = 0,');
      code.line('Hidden = 1 << 0,');
      code.line('Pinned = 1 << 1,');
      code.line('ReadOnly = 1 << 2,');
      code.close();
      code.blank();
      code.open(`export function ${name}(flags: number, flag: ${enumName}): boolean {`);
      code.line('return (flags & flag) === flag;');
      code.close();
      break;
    }
    case 'regex-flags': {
      const name = unique(ctx, `${v}Matcher`);
      const check = unique(ctx, `is${T}MatcherGlobal`);
      code.open(`export function ${name}(pattern: string, caseSensitive = false): RegExp {`);
      code.line(`const flags = caseSensitive ? ${lit(ctx, 'g')} : ${lit(ctx, 'gi')};`);
      code.line('return new RegExp(pattern.trim(), flags);');
      code.close();
      code.blank();
      code.open(`export function ${check}(matcher: RegExp): boolean {`);
      code.line(`return matcher.flags.includes(${lit(ctx, 'g')});`);
      code.close();
      break;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Fillers: ordinary code that makes files reach their size.

type Filler = (ctx: Ctx) => void;

const formatFiller: Filler = (ctx) => {
  const field = ctx.entity.numberField;
  const name = fresh(ctx, () => `format${ctx.entity.type}${pascal(field)}${ctx.rng.pick(['', 'Label', 'Text'])}`);
  const code = ctx.code;
  code.blank();
  jsdoc(ctx, `${field} for display; ${ctx.rng.pick(PHRASES)}`);
  code.open(`export function ${name}(value: number, locale = ${lit(ctx, ctx.rng.pick(['en-US', 'en-GB', 'de-DE']))}): string {`);
  if (ctx.rng.chance(0.5)) {
    code.open('if (!Number.isFinite(value)) {');
    code.line(`return ${lit(ctx, '—')};`);
    code.close();
  }
  code.line(`return new Intl.NumberFormat(locale, { maximumFractionDigits: ${ctx.rng.int(0, 2)} }).format(value);`);
  code.close();
};

const groupFiller: Filler = (ctx) => {
  const field = ctx.rng.pick(ctx.entity.fields.filter((f) => f.type === 'string' || f.type === 'number' || f.type === 'boolean'));
  const E = entityType(ctx);
  const name = fresh(ctx, () => `group${pascal(ctx.entity.plural)}By${pascal(ctx.rng.pick([field.name, 'status']))}`);
  const key = name.endsWith('Status') ? 'status' : field.name;
  const code = ctx.code;
  code.blank();
  code.open(`export function ${name}(items: readonly ${E}[]): Map<string, ${E}[]> {`);
  code.line(`const groups = new Map<string, ${E}[]>();`);
  code.open('for (const item of items) {');
  code.line(`const key = String(item.${key});`);
  code.line('const bucket = groups.get(key) ?? [];');
  code.line('bucket.push(item);');
  code.line('groups.set(key, bucket);');
  code.close();
  code.line('return groups;');
  code.close();
};

const sortFiller: Filler = (ctx) => {
  const E = entityType(ctx);
  const field = ctx.entity.numberField;
  const name = fresh(ctx, () => `sort${pascal(ctx.entity.plural)}${ctx.rng.pick(['', `By${pascal(field)}`])}`);
  const code = ctx.code;
  code.blank();
  code.open(
    `export function ${name}(items: readonly ${E}[], direction: ${lit(ctx, 'asc')} | ${lit(ctx, 'desc')} = ${lit(ctx, 'asc')}): ${E}[] {`,
  );
  code.line(`const factor = direction === ${lit(ctx, 'asc')} ? 1 : -1;`);
  code.open('return [...items].sort((a, b) => {');
  code.line(`if (a.${field} === b.${field}) return a.id.localeCompare(b.id) * factor;`);
  code.line(`return (a.${field} - b.${field}) * factor;`);
  code.close('});');
  code.close();
};

const summarizeFiller: Filler = (ctx) => {
  const E = entityType(ctx);
  const field = ctx.entity.numberField;
  const name = fresh(ctx, () => `summarize${pascal(ctx.entity.plural)}${ctx.rng.pick(['', 'By' + pascal(field)])}`);
  const code = ctx.code;
  code.blank();
  code.open(`export function ${name}(items: readonly ${E}[]): { count: number; total: number; average: number; max: number } {`);
  code.line(`const total = items.reduce((sum, item) => sum + item.${field}, 0);`);
  code.line(`const max = items.reduce((best, item) => Math.max(best, item.${field}), Number.NEGATIVE_INFINITY);`);
  code.open('return {');
  code.line('count: items.length,');
  code.line('total,');
  code.line('average: items.length === 0 ? 0 : total / items.length,');
  code.line('max: items.length === 0 ? 0 : max,');
  code.close('};');
  code.close();
};

const statusFiller: Filler = (ctx) => {
  const E = entityType(ctx);
  const name = fresh(ctx, () => `${ctx.entity.variable}Status${ctx.rng.pick(['Label', 'Tone', 'Text'])}`);
  const code = ctx.code;
  code.blank();
  code.open(`export function ${name}(status: ${E}[${lit(ctx, 'status')}]): string {`);
  code.open('switch (status) {');
  for (const status of ctx.entity.statuses) {
    code.line(`case ${lit(ctx, status)}:`);
    code.line(`  return ${lit(ctx, capitalize(status.replace(/-/g, ' ')))};`);
  }
  code.line('default:');
  code.line('  return status;');
  code.close();
  code.close();
};

const validateFiller: Filler = (ctx) => {
  const E = entityType(ctx);
  const name = fresh(ctx, () => `check${ctx.entity.type}${ctx.rng.pick(['Input', 'Fields', 'Draft', 'Changes'])}`);
  const result = unique(ctx, `${pascal(name)}Result`);
  const code = ctx.code;
  code.blank();
  code.open(`export interface ${result} {`);
  code.line('valid: boolean;');
  code.line('errors: string[];');
  code.close();
  code.blank();
  code.open(`export function ${name}(input: Partial<${E}>): ${result} {`);
  code.line('const errors: string[] = [];');
  for (const field of ctx.rng.sample(ctx.entity.fields, ctx.rng.int(2, 4))) validationLine(ctx, field.name, field.type);
  code.line('return { valid: errors.length === 0, errors };');
  code.close();
};

function validationLine(ctx: Ctx, name: string, type: string): void {
  const code = ctx.code;
  switch (type) {
    case 'string':
      code.open(`if (!input.${name} || input.${name}.trim() === ${lit(ctx, '')}) {`);
      code.line(`errors.push(${lit(ctx, `${name} is required`)});`);
      code.close();
      break;
    case 'number':
      code.open(`if (input.${name} !== undefined && (input.${name} < 0 || !Number.isFinite(input.${name}))) {`);
      code.line(`errors.push(${lit(ctx, `${name} must be a positive number`)});`);
      code.close();
      break;
    case 'string[]':
      code.open(`if (input.${name} && input.${name}.length > ${ctx.rng.int(5, 50)}) {`);
      code.line(`errors.push(${lit(ctx, `too many ${name}`)});`);
      code.close();
      break;
    default:
      code.open(`if (input.${name} === undefined) {`);
      code.line(`errors.push(${lit(ctx, `${name} must be set`)});`);
      code.close();
  }
}

const mapperFiller: Filler = (ctx) => {
  const E = entityType(ctx);
  const target = ctx.rng.pick(['Row', 'Record', 'Export', 'Event', 'Snapshot']);
  const type = unique(ctx, `${ctx.entity.type}${target}`);
  const name = unique(ctx, `to${type}`);
  const fields = ctx.rng.sample(ctx.entity.fields, ctx.rng.int(3, ctx.entity.fields.length));
  const code = ctx.code;
  code.blank();
  code.open(`export interface ${type} {`);
  code.line('id: string;');
  for (const field of fields) code.line(`${snake(field.name)}: ${field.type};`);
  code.close();
  code.blank();
  code.open(`export function ${name}(${ctx.entity.variable}: ${E}): ${type} {`);
  code.open('return {');
  code.line(`id: ${ctx.entity.variable}.id,`);
  for (const field of fields) code.line(`${snake(field.name)}: ${ctx.entity.variable}.${field.name},`);
  code.close('};');
  code.close();
};

const retryFiller: Filler = (ctx) => {
  const name = fresh(ctx, () => `${ctx.rng.pick(['withRetry', 'retry', 'attempt'])}${ctx.rng.pick(['', ctx.entity.type, 'Request'])}`);
  const logger = infra(ctx, 'lib/logger', 'logger');
  const code = ctx.code;
  code.blank();
  code.open(
    `async function ${name}<T>(operation: () => Promise<T>, attempts = ${ctx.rng.int(2, 5)}, delayMs = ${ctx.rng.pick([100, 200, 250, 500])}): Promise<T> {`,
  );
  code.line('let lastError: unknown;');
  code.open('for (let attempt = 1; attempt <= attempts; attempt++) {');
  code.open('try {');
  code.line('return await operation();');
  code.close('} catch (error) {');
  code.line('  lastError = error;');
  code.line(`  ${logger}.warn(${lit(ctx, `retrying ${ctx.entity.singular} operation`)}, { attempt, error });`);
  code.line('  await new Promise((resolve) => setTimeout(resolve, delayMs * attempt));');
  code.line('}');
  code.close();
  code.line('throw lastError;');
  code.close();
  // Used, so the helper is not dead code.
  const user = fresh(
    ctx,
    () => `${ctx.rng.pick(['load', 'fetch', 'reload'])}${ctx.entity.type}${ctx.rng.pick(['Reliably', 'WithRetry', 'Safely'])}`,
  );
  const E = entityType(ctx);
  code.blank();
  code.open(`export function ${user}(id: string): Promise<${E}> {`);
  code.line(`return ${name}(() => ${infra(ctx, 'lib/http', 'http')}.get<${E}>(${apiPath(ctx, ctx.entity.plural, interpolate('id'))}));`);
  code.close();
};

const batchFiller: Filler = (ctx) => {
  const E = entityType(ctx);
  const verb = ctx.rng.pick(VERBS);
  const name = fresh(ctx, () => `${verb}${pascal(ctx.entity.plural)}InBatches`);
  const http = infra(ctx, 'lib/http', 'http');
  const code = ctx.code;
  code.blank();
  code.open(`export async function ${name}(items: readonly ${E}[], size = ${ctx.rng.pick([10, 20, 25, 50, 100])}): Promise<number> {`);
  code.line('let processed = 0;');
  code.open('for (let start = 0; start < items.length; start += size) {');
  code.line('const chunk = items.slice(start, start + size);');
  code.line(
    `await Promise.all(chunk.map((item) => ${http}.post(${apiPath(ctx, ctx.entity.plural, interpolate('item.id'), kebab(verb))}, {})));`,
  );
  code.line('processed += chunk.length;');
  code.close();
  code.line('return processed;');
  code.close();
};

const iterateFiller: Filler = (ctx) => {
  const E = entityType(ctx);
  const Filter = entityType(ctx, 'Filter');
  const Page = entityType(ctx, 'Page');
  const name = fresh(ctx, () => `${ctx.rng.pick(['iterate', 'each', 'all'])}${pascal(ctx.entity.plural)}`);
  const http = infra(ctx, 'lib/http', 'http');
  const code = ctx.code;
  code.blank();
  code.open(`export async function* ${name}(filter: ${Filter} = {}): AsyncGenerator<${E}> {`);
  code.line('let cursor: string | undefined;');
  code.open('do {');
  code.line('const query = new URLSearchParams();');
  code.line(`if (filter.status) query.set(${lit(ctx, 'status')}, filter.status);`);
  code.line(`if (cursor) query.set(${lit(ctx, 'cursor')}, cursor);`);
  code.line(`const page = await ${http}.get<${Page}>(\`/api/${ctx.entity.plural}?${interpolate('query.toString()')}\`);`);
  code.line('yield* page.items;');
  code.line('cursor = page.nextCursor;');
  code.close('} while (cursor);');
  code.close();
};

const cacheFiller: Filler = (ctx) => {
  const E = entityType(ctx);
  const cache = unique(ctx, `${ctx.entity.variable}Cache`);
  const name = fresh(ctx, () => `getCached${ctx.entity.type}${ctx.rng.pick(['', 'ById', 'Entry'])}`);
  const http = infra(ctx, 'lib/http', 'http');
  const code = ctx.code;
  code.blank();
  code.line(`const ${cache} = new Map<string, { value: ${E}; expiresAt: number }>();`);
  code.blank();
  code.open(`export async function ${name}(id: string, ttlMs = ${ctx.rng.pick(['30_000', '60_000', '300_000'])}): Promise<${E}> {`);
  code.line(`const entry = ${cache}.get(id);`);
  code.line('const now = Date.now();');
  code.line('if (entry && entry.expiresAt > now) return entry.value;');
  code.line(`const value = await ${http}.get<${E}>(${apiPath(ctx, ctx.entity.plural, interpolate('id'))});`);
  code.line(`${cache}.set(id, { value, expiresAt: now + ttlMs });`);
  code.line('return value;');
  code.close();
};

const filterFiller: Filler = (ctx) => {
  const E = entityType(ctx);
  const Filter = entityType(ctx, 'Filter');
  const name = fresh(ctx, () => `${ctx.rng.pick(['filter', 'match', 'search'])}${pascal(ctx.entity.plural)}`);
  const code = ctx.code;
  code.blank();
  code.open(`export function ${name}(items: readonly ${E}[], filter: ${Filter}): ${E}[] {`);
  code.line(`const query = filter.query?.toLowerCase().trim() ?? ${lit(ctx, '')};`);
  code.open('return items.filter((item) => {');
  code.line('if (filter.status && item.status !== filter.status) return false;');
  code.line(`if (query && !String(item.${ctx.entity.textField}).toLowerCase().includes(query)) return false;`);
  code.line('return true;');
  code.close('});');
  code.close();
};

const diffFiller: Filler = (ctx) => {
  const E = entityType(ctx);
  const name = fresh(ctx, () => `${ctx.rng.pick(['diff', 'changed', 'compare'])}${ctx.entity.type}${ctx.rng.pick(['Fields', 'Keys', ''])}`);
  const code = ctx.code;
  code.blank();
  code.open(`export function ${name}(before: ${E}, after: ${E}): Array<keyof ${E}> {`);
  code.line(`const keys = Object.keys(after) as Array<keyof ${E}>;`);
  code.line('return keys.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));');
  code.close();
};

const registryFiller: Filler = (ctx) => {
  const E = entityType(ctx);
  const name = fresh(ctx, () => `${ctx.entity.type}${pascal(ctx.rng.pick(['registry', 'index', 'collection', 'lookup']))}`);
  const v = ctx.entity.variable;
  const code = ctx.code;
  code.blank();
  code.open(`export class ${name} {`);
  code.line(`private readonly entries = new Map<string, ${E}>();`);
  code.blank();
  code.open(`register(${v}: ${E}): void {`);
  code.line(`this.entries.set(${v}.id, ${v});`);
  code.close();
  code.blank();
  code.open(`get(id: string): ${E} | undefined {`);
  code.line('return this.entries.get(id);');
  code.close();
  code.blank();
  code.open(`values(): ${E}[] {`);
  code.line('return [...this.entries.values()];');
  code.close();
  code.blank();
  code.open('get size(): number {');
  code.line('return this.entries.size;');
  code.close();
  code.close();
};

const listenerFiller: Filler = (ctx) => {
  const E = entityType(ctx);
  const T = ctx.entity.type;
  const listener = unique(ctx, `${T}Listener`);
  const set = unique(ctx, `${ctx.entity.variable}Listeners`);
  const on = unique(ctx, `on${T}Changed`);
  const emit = unique(ctx, `emit${T}Changed`);
  const code = ctx.code;
  code.blank();
  code.line(`type ${listener} = (${ctx.entity.variable}: ${E}) => void;`);
  code.line(`const ${set} = new Set<${listener}>();`);
  code.blank();
  code.open(`export function ${on}(listener: ${listener}): () => void {`);
  code.line(`${set}.add(listener);`);
  code.line(`return () => ${set}.delete(listener);`);
  code.close();
  code.blank();
  code.open(`export function ${emit}(${ctx.entity.variable}: ${E}): void {`);
  code.line(`for (const listener of ${set}) listener(${ctx.entity.variable});`);
  code.close();
};

const constantsFiller: Filler = (ctx) => {
  const E = entityType(ctx);
  const upper = upperSnake(ctx.entity.singular);
  const code = ctx.code;
  code.blank();
  switch (ctx.rng.int(0, 3)) {
    case 0:
      code.line(`export const ${unique(ctx, `${upper}_PAGE_SIZE`)} = ${ctx.rng.pick([10, 20, 25, 50])};`);
      code.line(`export const ${unique(ctx, `${upper}_MAX_${upperSnake(ctx.entity.numberField)}`)} = ${ctx.rng.int(10, 10000)};`);
      break;
    case 1:
      code.line(
        `export const ${unique(ctx, `${upper}_STATUS_ORDER`)}: ReadonlyArray<${E}[${lit(ctx, 'status')}]> = [${ctx.entity.statuses.map((s) => lit(ctx, s)).join(', ')}];`,
      );
      break;
    case 2: {
      code.open(`export const ${unique(ctx, `${upper}_ENDPOINTS`)} = {`);
      for (const verb of ctx.rng.sample(VERBS, ctx.rng.int(2, 5)))
        code.line(`${camel(verb)}: ${lit(ctx, `/api/${ctx.entity.plural}/${kebab(verb)}`)},`);
      code.close('} as const;');
      break;
    }
    default: {
      code.open(`export const ${unique(ctx, `${upper}_LABELS`)}: Record<string, string> = {`);
      for (const field of ctx.rng.sample(ctx.entity.fields, ctx.rng.int(2, 5)))
        code.line(`${field.name}: ${lit(ctx, capitalize(kebab(field.name).replace(/-/g, ' ')))},`);
      code.close('};');
    }
  }
};

const dateFiller: Filler = (ctx) => {
  const name = fresh(ctx, () => `${ctx.rng.pick(['daysUntil', 'daysSince', 'ageInDays'])}${ctx.rng.pick(['', ctx.entity.type])}`);
  const constant = unique(ctx, 'MS_PER_DAY');
  const code = ctx.code;
  code.blank();
  code.line(`const ${constant} = 24 * 60 * 60 * 1000;`);
  code.blank();
  code.open(`export function ${name}(isoDate: string, now: Date = new Date()): number {`);
  code.line('const time = Date.parse(isoDate);');
  code.line('if (Number.isNaN(time)) return 0;');
  code.line(`return Math.round((${name.startsWith('daysUntil') ? 'time - now.getTime()' : 'now.getTime() - time'}) / ${constant});`);
  code.close();
};

const slugFiller: Filler = (ctx) => {
  const name = fresh(ctx, () => `${ctx.entity.variable}${ctx.rng.pick(['Slug', 'Handle', 'Anchor'])}`);
  const code = ctx.code;
  code.blank();
  code.open(`export function ${name}(text: string): string {`);
  code.line('return text');
  code.line(`  .normalize(${lit(ctx, 'NFKD')})`);
  code.line('  .toLowerCase()');
  code.line(`  .replace(/[^a-z0-9]+/g, ${lit(ctx, '-')})`);
  code.line(`  .replace(/^-+|-+$/g, ${lit(ctx, '')});`);
  code.close();
};

export const BACKEND_FILLERS: Record<string, readonly Filler[]> = {
  service: [
    groupFiller,
    sortFiller,
    summarizeFiller,
    retryFiller,
    batchFiller,
    iterateFiller,
    cacheFiller,
    filterFiller,
    diffFiller,
    registryFiller,
    listenerFiller,
    statusFiller,
  ],
  api: [validateFiller, statusFiller, summarizeFiller, filterFiller, mapperFiller, constantsFiller],
  util: [
    formatFiller,
    groupFiller,
    sortFiller,
    summarizeFiller,
    statusFiller,
    filterFiller,
    diffFiller,
    dateFiller,
    slugFiller,
    constantsFiller,
  ],
  mapper: [mapperFiller, formatFiller, statusFiller, diffFiller, slugFiller],
  validation: [validateFiller, formatFiller, constantsFiller, dateFiller],
  client: [retryFiller, iterateFiller, cacheFiller, batchFiller, mapperFiller],
  store: [listenerFiller, registryFiller, groupFiller, sortFiller, filterFiller, summarizeFiller],
  constants: [constantsFiller],
};

/** Adds fillers until the file reaches its planned size. */
export function fill(ctx: Ctx, fillers: readonly Filler[]): void {
  // Each filler once (in random order) before any repeats, so files do not say the same thing twice.
  let order: Filler[] = [];
  let guard = 0;
  while (wantsMore(ctx, 8) && guard++ < 60) {
    if (order.length === 0) order = ctx.rng.shuffle([...fillers]);
    order.pop()!(ctx);
  }
}

// ---------------------------------------------------------------------------------------------
// Module kinds.

function serviceClass(ctx: Ctx, flagged: boolean): void {
  const m = ctx.module;
  const code = ctx.code;
  const x = e(ctx);
  const E = entityType(ctx);
  const Filter = entityType(ctx, 'Filter');
  const Page = entityType(ctx, 'Page');
  const HttpClient = infra(ctx, 'lib/http', 'HttpClient', true);
  const http = infra(ctx, 'lib/http', 'http');
  const plural = ctx.entity.plural;
  code.blank();
  jsdoc(ctx, `reads and writes ${plural}; ${ctx.rng.pick(PHRASES)}`);
  code.open(`export class ${m.primary} {`);
  code.line(`private readonly cache = new Map<string, ${E}>();`);
  code.blank();
  code.line(`constructor(private readonly client: ${HttpClient} = ${http}) {}`);
  code.blank();
  code.open(`async getById(id: string): Promise<${E} | undefined> {`);
  code.line('const cached = this.cache.get(id);');
  code.line('if (cached) return cached;');
  code.line(`const ${x} = await this.client.get<${E}>(${apiPath(ctx, plural, interpolate('id'))});`);
  code.line(`this.cache.set(id, ${x});`);
  code.line(`return ${x};`);
  code.close();
  code.blank();
  code.open(`async list(filter: ${Filter} = {}): Promise<${E}[]> {`);
  code.line('const query = new URLSearchParams();');
  code.line(`if (filter.status) query.set(${lit(ctx, 'status')}, filter.status);`);
  code.line(`if (filter.page !== undefined) query.set(${lit(ctx, 'page')}, String(filter.page));`);
  code.line(`const page = await this.client.get<${Page}>(\`/api/${plural}?${interpolate('query.toString()')}\`);`);
  code.line('for (const item of page.items) this.cache.set(item.id, item);');
  code.line('return page.items;');
  code.close();
  let impls: Impl[] = [];
  if (flagged) {
    code.blank();
    code.open(`async process${ctx.entity.type}(${x}: ${E}): Promise<${E}> {`);
    impls = decisionBody(ctx, m.flags!);
    code.close();
  }
  const extras = ctx.rng.sample(['update', 'archive', 'count', 'remove'], ctx.rng.int(0, 3));
  for (const method of extras) {
    code.blank();
    if (method === 'update') {
      code.open(`async update(id: string, patch: Partial<${E}>): Promise<${E}> {`);
      code.line(`const updated = await this.client.put<${E}>(${apiPath(ctx, plural, interpolate('id'))}, patch);`);
      code.line('this.cache.set(id, updated);');
      code.line('return updated;');
    } else if (method === 'archive') {
      code.open(`async archive(id: string): Promise<void> {`);
      code.line(`await this.client.post(${apiPath(ctx, plural, interpolate('id'), 'archive')}, {});`);
      code.line('this.cache.delete(id);');
    } else if (method === 'count') {
      code.open(`async count(filter: ${Filter} = {}): Promise<number> {`);
      code.line('const items = await this.list(filter);');
      code.line('return items.length;');
    } else {
      code.open('async remove(id: string): Promise<boolean> {');
      code.line(`await this.client.delete(${apiPath(ctx, plural, interpolate('id'))});`);
      code.line('return this.cache.delete(id);');
    }
    code.close();
  }
  code.close();
  writeImpls(impls);
}

function serviceFunction(ctx: Ctx, flagged: boolean): void {
  const m = ctx.module;
  if (flagged) {
    flaggedFunction(ctx, m.primary, m.flags!);
    return;
  }
  const code = ctx.code;
  const x = e(ctx);
  const E = entityType(ctx);
  const http = infra(ctx, 'lib/http', 'http');
  const verb = kebab(m.words[0] ?? 'process');
  code.blank();
  jsdoc(ctx, `${m.words.join(' ')}; ${ctx.rng.pick(PHRASES)}`);
  code.open(`export async function ${m.primary}(${x}: ${E}): Promise<${E}> {`);
  switch (ctx.rng.int(0, 2)) {
    case 0:
      code.line('const started = performance.now();');
      code.line(`const response = await ${http}.post<Partial<${E}>>(${apiPath(ctx, ctx.entity.plural, interpolate(`${x}.id`), verb)}, {`);
      code.line(`  ${ctx.entity.numberField}: ${x}.${ctx.entity.numberField},`);
      code.line('});');
      code.line(
        `${infra(ctx, 'lib/metrics', 'metrics')}.histogram(${lit(ctx, `${snake(ctx.entity.plural)}.${snake(verb)}.latency`)}, performance.now() - started);`,
      );
      code.line(`${infra(ctx, 'lib/logger', 'logger')}.info(${lit(ctx, `${verb} ${ctx.entity.singular}`)}, { id: ${x}.id });`);
      code.line(`return { ...${x}, ...response };`);
      break;
    case 1:
      code.open(`if (${x}.status === ${lit(ctx, ctx.entity.statuses[ctx.entity.statuses.length - 1]!)}) {`);
      code.line(`${infra(ctx, 'lib/logger', 'logger')}.debug(${lit(ctx, `skipping ${ctx.entity.singular}`)}, { id: ${x}.id });`);
      code.line(`return ${x};`);
      code.close();
      code.open('try {');
      code.line(`return await ${http}.put<${E}>(${apiPath(ctx, ctx.entity.plural, interpolate(`${x}.id`))}, ${x});`);
      code.close('} catch (error) {');
      code.line(`  ${infra(ctx, 'lib/metrics', 'metrics')}.increment(${lit(ctx, `${snake(ctx.entity.plural)}.${snake(verb)}.error`)});`);
      code.line('  throw error;');
      code.line('}');
      break;
    default:
      code.line(`const existing = await ${http}.get<${E} | null>(${apiPath(ctx, ctx.entity.plural, interpolate(`${x}.id`))});`);
      code.line(`const merged = existing ? { ...existing, ...${x} } : ${x};`);
      code.line(
        `${infra(ctx, 'lib/analytics', 'analytics')}.track(${lit(ctx, `${snake(ctx.entity.singular)}_${snake(verb)}`)}, { id: merged.id, created: existing === null });`,
      );
      code.line('return merged;');
  }
  code.close();
}

export function renderService(ctx: Ctx): void {
  const m = ctx.module;
  const flagged = m.flags !== undefined;
  if (m.shape === 'class') serviceClass(ctx, flagged);
  else serviceFunction(ctx, flagged);
  if (flagged) flagExtras(ctx, m.flags!, m.flags!.nested ? 2 : 1);
  depUsage(ctx);
  noiseBlock(ctx);
  fill(ctx, BACKEND_FILLERS.service!);
}

export function renderApi(ctx: Ctx): void {
  const m = ctx.module;
  const code = ctx.code;
  const x = e(ctx);
  const E = entityType(ctx);
  const ApiRequest = infra(ctx, 'lib/api', 'ApiRequest', true);
  const ApiResponse = infra(ctx, 'lib/api', 'ApiResponse', true);
  const http = infra(ctx, 'lib/http', 'http');
  const logger = infra(ctx, 'lib/logger', 'logger');
  let impls: Impl[] = [];
  code.blank();
  jsdoc(ctx, `${m.words.join(' ')} endpoint`);
  code.open(`export async function ${m.primary}(req: ${ApiRequest}, res: ${ApiResponse}): Promise<void> {`);
  code.line('const id = req.params.id;');
  code.open('if (!id) {');
  code.line(`res.status(400).json({ error: ${lit(ctx, 'missing id')} });`);
  code.line('return;');
  code.close();
  if (m.flags) code.line(`const userId = req.user?.id ?? ${lit(ctx, 'anonymous')};`);
  code.open('try {');
  code.line(`const ${x} = await ${http}.get<${E}>(${apiPath(ctx, 'internal', ctx.entity.plural, interpolate('id'))});`);
  if (m.flags) {
    const use = m.flags;
    const [first, second] = use.keys;
    const taken = new Set<string>();
    const next = implementation(ctx, 'next', first!);
    const legacy = implementation(ctx, 'legacy', first!);
    impls = [next, legacy];
    const d1 = decisionName(ctx, first!, false, taken);
    code.line(`const ${d1} = ${backendDecision(ctx, first!, use.style, 'userId')};`);
    if (use.decisionLog) {
      const key = use.style === 'constants' ? keyExpression(ctx, first!, use.style) : lit(ctx, first!.key);
      code.line(
        `${logger}.info(${lit(ctx, 'flag decision')}, { flag: ${key}, variant: ${d1} ? ${lit(ctx, 'on')} : ${lit(ctx, 'off')}, userId });`,
      );
    }
    if (use.nested && second !== undefined) {
      const both = implementation(ctx, 'both', second);
      impls.push(both);
      code.line(`let result: ${E};`);
      code.open(`if (${d1}) {`);
      code.line(`result = ${backendDecision(ctx, second, use.style, 'userId')} ? await ${both.name}(${x}) : await ${next.name}(${x});`);
      code.close('} else {');
      code.line(`  result = await ${legacy.name}(${x});`);
      code.line('}');
    } else {
      code.line(`const result = ${d1} ? await ${next.name}(${x}) : await ${legacy.name}(${x});`);
    }
    code.line('res.status(200).json(result);');
  } else {
    if (ctx.rng.chance(0.5)) {
      code.open(`if (${x}.status === ${lit(ctx, ctx.entity.statuses[0]!)}) {`);
      code.line(`res.status(409).json({ error: ${lit(ctx, `${ctx.entity.singular} is ${ctx.entity.statuses[0]}`)} });`);
      code.line('return;');
      code.close();
    }
    code.line(`res.status(200).json(${x});`);
  }
  code.close('} catch (error) {');
  code.line(`  ${logger}.error(${lit(ctx, `${m.primary} failed`)}, { id, error });`);
  code.line(`  res.status(500).json({ error: ${lit(ctx, 'internal error')} });`);
  code.line('}');
  code.close();
  writeImpls(impls);
  if (m.flags) flagExtras(ctx, m.flags, m.flags.nested ? 2 : 1);
  depUsage(ctx);
  noiseBlock(ctx);
  fill(ctx, BACKEND_FILLERS.api!);
}

/** util, mapper and validation modules share a shape: one primary function of the entity, and helpers. */
export function renderUtil(ctx: Ctx): void {
  const m = ctx.module;
  const code = ctx.code;
  const x = e(ctx);
  const E = entityType(ctx);
  const entity = ctx.entity;
  code.blank();
  jsdoc(ctx, `${m.words.join(' ')}`);
  if (m.kind === 'mapper') {
    const type = unique(ctx, pascal(...m.words));
    const fields = ctx.rng.sample(entity.fields, ctx.rng.int(3, entity.fields.length));
    code.open(`export interface ${type} {`);
    code.line('id: string;');
    for (const field of fields) code.line(`${snake(field.name)}: ${field.type};`);
    code.line('status: string;');
    code.close();
    code.blank();
    code.open(`export function ${m.primary}(${x}: ${E}): ${type} {`);
    code.open('return {');
    code.line(`id: ${x}.id,`);
    for (const field of fields) code.line(`${snake(field.name)}: ${x}.${field.name},`);
    code.line(`status: ${x}.status,`);
    code.close('};');
    code.close();
  } else if (m.kind === 'validation') {
    code.open(`export function ${m.primary}(input: Partial<${E}>): { valid: boolean; errors: string[] } {`);
    code.line('const errors: string[] = [];');
    for (const field of ctx.rng.sample(entity.fields, ctx.rng.int(2, 5))) validationLine(ctx, field.name, field.type);
    code.open(`if (input.status !== undefined && ![${entity.statuses.map((s) => lit(ctx, s)).join(', ')}].includes(input.status)) {`);
    code.line(`errors.push(${lit(ctx, 'unknown status')});`);
    code.close();
    code.line('return { valid: errors.length === 0, errors };');
    code.close();
  } else {
    const last = m.words[m.words.length - 1];
    if (last === 'total' || last === 'score') {
      code.open(`export function ${m.primary}(${x}: ${E}, weight = ${ctx.rng.pick(['1', '0.5', '1.2'])}): number {`);
      code.line(`const base = ${x}.${entity.numberField} * weight;`);
      code.line(`return Math.round(base * 100) / 100;`);
    } else if (last === 'url' || last === 'key') {
      code.open(`export function ${m.primary}(${x}: ${E}): string {`);
      code.line(
        last === 'url'
          ? `return \`/${entity.plural}/${interpolate(`encodeURIComponent(${x}.id)`)}\`;`
          : `return [${x}.id, ${x}.status].join(${lit(ctx, ':')});`,
      );
    } else if (last === 'list' || last === 'range' || last === 'window') {
      code.open(`export function ${m.primary}(${x}: ${E}, size = ${ctx.rng.int(3, 12)}): string[] {`);
      code.line(`return Array.from({ length: size }, (_, index) => \`${interpolate(`${x}.id`)}-${interpolate('index')}\`);`);
    } else {
      code.open(`export function ${m.primary}(${x}: ${E}, locale = ${lit(ctx, 'en-US')}): string {`);
      code.line(`const value = new Intl.NumberFormat(locale).format(${x}.${entity.numberField});`);
      code.line(`return \`${interpolate(`${x}.${entity.textField}`)} (${interpolate('value')})\`;`);
    }
    code.close();
  }
  if (m.flags) {
    const entry = flaggedEntry(m);
    flaggedFunction(ctx, unique(ctx, entry.name), m.flags);
    flagExtras(ctx, m.flags, m.flags.nested ? 2 : 1);
  }
  depUsage(ctx);
  noiseBlock(ctx);
  fill(ctx, BACKEND_FILLERS[m.kind] ?? BACKEND_FILLERS.util!);
}

export function renderConstants(ctx: Ctx): void {
  const m = ctx.module;
  const code = ctx.code;
  const entity = ctx.entity;
  code.blank();
  code.open(`export const ${m.primary} = {`);
  code.line(`pageSize: ${ctx.rng.pick([10, 20, 25, 50])},`);
  code.line(`sortBy: ${lit(ctx, entity.numberField)},`);
  code.line(`status: ${lit(ctx, entity.statuses[0]!)},`);
  code.line(`refreshIntervalMs: ${ctx.rng.pick(['30_000', '60_000', '5 * 60_000'])},`);
  code.close('} as const;');
  noiseBlock(ctx);
  fill(ctx, BACKEND_FILLERS.constants!);
}

export function renderClient(ctx: Ctx): void {
  const m = ctx.module;
  const code = ctx.code;
  const x = e(ctx);
  const E = entityType(ctx);
  const Page = entityType(ctx, 'Page');
  const host = `https://${kebab(ctx.rng.pick(NOUNS))}.internal.example.com`;
  code.blank();
  jsdoc(ctx, `HTTP client for the ${kebab(...m.words)} service`);
  code.open(`export class ${m.primary} {`);
  code.line(
    `constructor(private readonly baseUrl = ${lit(ctx, `${host}/${ctx.entity.plural}`)}, private readonly timeoutMs = ${ctx.rng.pick([2000, 5000, 10_000])}) {}`,
  );
  code.blank();
  code.open('private async request<T>(path: string, init: RequestInit = {}): Promise<T> {');
  code.line('const controller = new AbortController();');
  code.line('const timer = setTimeout(() => controller.abort(), this.timeoutMs);');
  code.open('try {');
  code.line(
    `const response = await fetch(\`${interpolate('this.baseUrl')}${interpolate('path')}\`, { ...init, signal: controller.signal });`,
  );
  code.open('if (!response.ok) {');
  code.line(
    `throw new Error(\`${m.primary} ${interpolate('init.method ?? ' + lit(ctx, 'GET'))} ${interpolate('path')} failed with ${interpolate('response.status')}\`);`,
  );
  code.close();
  code.line('return (await response.json()) as T;');
  code.close('} finally {');
  code.line('  clearTimeout(timer);');
  code.line('}');
  code.close();
  code.blank();
  code.open(`fetchById(id: string): Promise<${E}> {`);
  code.line(`return this.request<${E}>(\`/${interpolate('encodeURIComponent(id)')}\`);`);
  code.close();
  code.blank();
  code.open(`list(page = 1): Promise<${Page}> {`);
  code.line(`return this.request<${Page}>(\`?page=${interpolate('page')}\`);`);
  code.close();
  if (ctx.rng.chance(0.6)) {
    code.blank();
    code.open(`save(${x}: ${E}): Promise<${E}> {`);
    code.line(`return this.request<${E}>(\`/${interpolate(`${x}.id`)}\`, { method: ${lit(ctx, 'PUT')}, body: JSON.stringify(${x}) });`);
    code.close();
  }
  let impls: Impl[] = [];
  if (m.flags) {
    code.blank();
    code.open(`async process${ctx.entity.type}(${x}: ${E}): Promise<${E}> {`);
    impls = decisionBody(ctx, m.flags);
    code.close();
  }
  code.close();
  writeImpls(impls);
  if (m.flags) flagExtras(ctx, m.flags, m.flags.nested ? 2 : 1);
  depUsage(ctx);
  noiseBlock(ctx);
  fill(ctx, BACKEND_FILLERS.client!);
}

export function renderStore(ctx: Ctx): void {
  const m = ctx.module;
  const code = ctx.code;
  const x = e(ctx);
  const E = entityType(ctx);
  code.blank();
  jsdoc(ctx, `in-memory ${ctx.entity.singular} state with subscriptions`);
  code.open(`export function ${m.primary}(initial: readonly ${E}[] = []) {`);
  code.line('const items = new Map(initial.map((item) => [item.id, item] as const));');
  code.line('const listeners = new Set<() => void>();');
  code.line('const notify = () => listeners.forEach((listener) => listener());');
  code.open('return {');
  code.line('get: (id: string) => items.get(id),');
  code.line('all: () => [...items.values()],');
  code.open(`upsert(${x}: ${E}): void {`);
  code.line(`items.set(${x}.id, ${x});`);
  code.line('notify();');
  code.close('},');
  code.open('remove(id: string): void {');
  code.line('if (items.delete(id)) notify();');
  code.close('},');
  code.open('subscribe(listener: () => void): () => void {');
  code.line('listeners.add(listener);');
  code.line('return () => listeners.delete(listener);');
  code.close('},');
  code.close('};');
  code.close();
  if (m.flags) {
    const entry = flaggedEntry(m);
    flaggedFunction(ctx, unique(ctx, entry.name), m.flags);
    flagExtras(ctx, m.flags, m.flags.nested ? 2 : 1);
  }
  depUsage(ctx);
  noiseBlock(ctx);
  fill(ctx, BACKEND_FILLERS.store!);
}
