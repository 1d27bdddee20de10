/** The building blocks every corpus file renderer uses: a line writer, an import list and the per-file context. */
import type { CorpusPlan, Entity, FlagUse, ModulePlan, PoolFlag } from './corpus-plan.js';
import { camel, pascal, type Rng } from './corpus-random.js';

/** Lines with indentation (two spaces), opened and closed like the braces they hold. */
export class Code {
  readonly lines: string[] = [];
  private depth = 0;

  line(text = ''): this {
    this.lines.push(text === '' ? '' : '  '.repeat(this.depth) + text);
    return this;
  }

  /** Writes `text` and indents what follows. */
  open(text: string): this {
    this.line(text);
    this.depth++;
    return this;
  }

  /** Dedents and writes `text`. */
  close(text = '}'): this {
    this.depth = Math.max(0, this.depth - 1);
    return this.line(text);
  }

  /** One blank line, never two in a row and never at the top. */
  blank(): this {
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] !== '') this.lines.push('');
    return this;
  }

  append(other: Code): this {
    for (const line of other.lines) this.lines.push(line === '' ? '' : '  '.repeat(this.depth) + line);
    return this;
  }

  get length(): number {
    return this.lines.length;
  }
}

type ImportGroup = 0 | 1 | 2;

/** The import declarations of one file, rendered sorted: packages, then `@app/…` aliases, then relative paths. */
export class Imports {
  private readonly named = new Map<string, Map<string, boolean>>();
  private readonly defaults = new Map<string, string>();

  value(specifier: string, name: string): string {
    const names = this.entry(specifier);
    names.set(name, false);
    return name;
  }

  type(specifier: string, name: string): string {
    const names = this.entry(specifier);
    if (!names.has(name)) names.set(name, true);
    return name;
  }

  defaultImport(specifier: string, name: string): string {
    this.defaults.set(specifier, name);
    return name;
  }

  private entry(specifier: string): Map<string, boolean> {
    let names = this.named.get(specifier);
    if (names === undefined) {
      names = new Map();
      this.named.set(specifier, names);
    }
    return names;
  }

  /** About how many lines `render` gives (one per module, plus the blank line before relative imports). */
  lineCount(): number {
    const specifiers = new Set([...this.named.keys(), ...this.defaults.keys()]);
    let relative = 0;
    for (const specifier of specifiers) if (specifier.startsWith('.')) relative = 1;
    return specifiers.size + (relative && specifiers.size > relative ? 1 : 0);
  }

  render(quote: string): string[] {
    const specifiers = [...new Set([...this.named.keys(), ...this.defaults.keys()])];
    const group = (specifier: string): ImportGroup => (specifier.startsWith('.') ? 2 : specifier.startsWith('@app/') ? 1 : 0);
    specifiers.sort((a, b) => group(a) - group(b) || (a < b ? -1 : a > b ? 1 : 0));
    const lines: string[] = [];
    let previous: ImportGroup | undefined;
    for (const specifier of specifiers) {
      if (previous !== undefined && group(specifier) !== previous && group(specifier) === 2) lines.push('');
      previous = group(specifier);
      const names = [...(this.named.get(specifier) ?? new Map<string, boolean>()).entries()].sort(([a], [b]) => {
        const x = a.toLowerCase();
        const y = b.toLowerCase();
        return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
      });
      const fallback = this.defaults.get(specifier);
      const from = `from ${quote}${specifier}${quote};`;
      if (names.length === 0) {
        lines.push(`import ${fallback} ${from}`);
        continue;
      }
      const allTypes = fallback === undefined && names.every(([, typeOnly]) => typeOnly);
      const list = names.map(([name, typeOnly]) => (typeOnly && !allTypes ? `type ${name}` : name));
      const head = `${fallback !== undefined ? `${fallback}, ` : ''}${allTypes ? 'type ' : ''}`;
      const single = `import ${head}{ ${list.join(', ')} } ${from}`;
      if (single.length <= 110) lines.push(single);
      else lines.push(`import ${head}{`, ...list.map((name) => `  ${name},`), `} ${from}`);
    }
    return lines;
  }
}

/** Everything a renderer needs about the file it is writing. */
export interface Ctx {
  rng: Rng;
  plan: CorpusPlan;
  module: ModulePlan;
  imports: Imports;
  /** Module-level statements right after the imports. */
  preamble: Code;
  /** The file's body. */
  code: Code;
  quote: string;
  /** Top-level identifiers already declared or imported. */
  names: Set<string>;
  entity: Entity;
  /** How this file reaches src/flags and src/lib: barrel, deep alias or relative. */
  infraStyle: 'barrel' | 'deep' | 'relative';
}

export function lit(ctx: Ctx, text: string): string {
  const q = ctx.quote;
  return q + text.replace(/\\/g, '\\\\').split(q).join(`\\${q}`) + q;
}

/** `base`, or `base2`, `base3`… when taken; the name is then taken. */
export function unique(ctx: Ctx, base: string): string {
  let name = base;
  for (let n = 2; ctx.names.has(name); n++) name = `${base}${n}`;
  ctx.names.add(name);
  return name;
}

/** Lines the file has so far: imports, module-level statements and body. */
export function currentLines(ctx: Ctx): number {
  const imports = ctx.imports.lineCount();
  return (imports > 0 ? imports + 1 : 0) + (ctx.preamble.length > 0 ? ctx.preamble.length + 1 : 0) + ctx.code.length;
}

/** Whether a file should grow by another block: below its planned size (and never under 20 lines). */
export function wantsMore(ctx: Ctx, slack = 6): boolean {
  const lines = currentLines(ctx);
  return lines < 20 || lines + slack < ctx.module.lineTarget;
}

/** Tries a few freshly drawn names before falling back to a numbered one. */
export function fresh(ctx: Ctx, make: () => string): string {
  let name = make();
  for (let attempt = 0; attempt < 6 && ctx.names.has(name); attempt++) name = make();
  return unique(ctx, name);
}

const EXTENSION = /\.tsx?$/;

/** A relative specifier from one corpus path to another, without extension (`../types`, `./Card`). */
export function relativeSpecifier(fromPath: string, toPath: string): string {
  const from = fromPath.split('/').slice(0, -1);
  const to = toPath.replace(EXTENSION, '').split('/');
  if (to[to.length - 1] === 'index') to.pop();
  let common = 0;
  while (common < from.length && common < to.length && from[common] === to[common]) common++;
  const ups = from.length - common;
  const rest = to.slice(common).join('/');
  if (ups === 0) return rest === '' ? '.' : `./${rest}`;
  const up = Array.from({ length: ups }, () => '..').join('/');
  return rest === '' ? up : `${up}/${rest}`;
}

/** How `ctx.module` imports `target`: relative inside a domain, through the `@app/*` alias across domains. */
export function specifierFor(ctx: Ctx, target: ModulePlan): string {
  const domain = ctx.module.domain;
  if (target.domain !== undefined && target.domain === domain) return relativeSpecifier(ctx.module.path, target.path);
  if (target.domain !== undefined) {
    if (target.reexported) return target.domain.alias;
    return `${target.domain.alias}/${target.path.slice(target.domain.dir.length + 1).replace(EXTENSION, '')}`;
  }
  return `@app/${target.path.slice(4).replace(EXTENSION, '')}`;
}

/** The specifier this file uses for src/flags/<module> or src/lib/<module>. */
export function infraSpecifier(ctx: Ctx, module: string): string {
  const [folder] = module.split('/');
  const target = ctx.plan.infra.get(module);
  if (target === undefined) throw new Error(`unknown infra module ${module}`);
  if (ctx.module.path.startsWith(`src/${folder}/`)) return relativeSpecifier(ctx.module.path, target.path);
  if (ctx.infraStyle === 'barrel') return `@app/${folder}`;
  if (ctx.infraStyle === 'deep') return `@app/${module}`;
  return relativeSpecifier(ctx.module.path, target.path.replace(/\/[^/]+$/, '/index.ts'));
}

/** Imports a name from src/flags/<module> or src/lib/<module> the way this file does it. */
export function infra(ctx: Ctx, module: string, name: string, typeOnly = false): string {
  const specifier = infraSpecifier(ctx, module);
  ctx.names.add(name);
  return typeOnly ? ctx.imports.type(specifier, name) : ctx.imports.value(specifier, name);
}

/** Imports the domain's entity type (or a derived type: `Filter`, `Page`…) from its types.ts. */
export function entityType(ctx: Ctx, suffix = ''): string {
  const types = ctx.module.domain?.types;
  const name = `${ctx.entity.type}${suffix}`;
  if (types === undefined || types === ctx.module) return name;
  ctx.names.add(name);
  return ctx.imports.type(relativeSpecifier(ctx.module.path, types.path), name);
}

/** A literal object of the entity, for factories and fixtures. */
export function sampleEntity(ctx: Ctx, index: number, indent: Code, overrides = ''): void {
  const entity = ctx.entity;
  indent.open('{');
  indent.line(`id: ${lit(ctx, `${entity.singular}-${index}`)},`);
  for (const field of entity.fields) indent.line(`${field.name}: ${quoteSample(ctx, field.sample(entity.singular, index))},`);
  indent.line(`status: ${lit(ctx, entity.statuses[index % entity.statuses.length]!)},`);
  if (overrides !== '') indent.line(overrides);
  indent.close('}');
}

/** Field samples are written with single quotes; follow the file's quote style. */
export function quoteSample(ctx: Ctx, sample: string): string {
  if (ctx.quote === "'") return sample;
  return sample.replace(/'([^']*)'/g, (_, inner: string) => `"${inner}"`);
}

// ---------------------------------------------------------------------------------------------
// Flags: how each style spells a key and a decision.

export function keyExpression(ctx: Ctx, flag: PoolFlag, style: FlagUse['style']): string {
  if (style === 'constants') {
    if (flag.constant !== undefined) return `${infra(ctx, 'flags/keys', 'FLAGS')}.${flag.constant}`;
    if (flag.enumMember !== undefined) return `${infra(ctx, 'flags/keys', 'FlagKey')}.${flag.enumMember}`;
  }
  return lit(ctx, flag.key);
}

/** The boolean variable a decision is stored in: `useNewCheckout`, `showSearchRerankerV3`, … */
export function decisionName(ctx: Ctx, flag: PoolFlag, frontend: boolean, taken: Set<string>): string {
  const p = pascal(...flag.words);
  const options = frontend
    ? [`show${p}`, `is${p}Enabled`, `${camel(...flag.words)}On`]
    : [`use${p}`, `use${p}`, `${camel(...flag.words)}Enabled`, `should${p}`];
  let name = ctx.rng.pick(options);
  for (let n = 2; taken.has(name) || ctx.names.has(name); n++) name = `${ctx.rng.pick(options)}${n}`;
  taken.add(name);
  return name;
}

/** The OpenFeature client a backend file evaluates with (shared module or its own getClient()). */
export function openFeatureClient(ctx: Ctx): string {
  if (ctx.names.has('featureClient')) return 'featureClient';
  if (ctx.names.has('client')) return 'client';
  // An entity called `client` is a parameter name; the module-level client must not be shadowed by it.
  if (ctx.rng.chance(0.6) || ctx.entity.variable === 'client') return infra(ctx, 'flags/openfeature', 'featureClient');
  ctx.imports.value('@openfeature/server-sdk', 'OpenFeature');
  ctx.preamble.line(`const client = OpenFeature.getClient(${lit(ctx, ctx.module.domain?.name ?? 'app')});`);
  ctx.names.add('client');
  return 'client';
}

/**
 * A boolean expression evaluating `flag` in `style` (backend flavour): `isFeatureEnabled(flags.get(…), …)`,
 * a wrapper call, or an awaited OpenFeature client call. `subject` is the variable holding the unit.
 */
export function backendDecision(ctx: Ctx, flag: PoolFlag, style: FlagUse['style'], subject: string, keyOverride?: string): string {
  const userField = ctx.entity.userField;
  const unit = subject === 'userId' ? 'userId' : `${subject}.${userField}`;
  switch (style) {
    case 'seed':
    case 'constants': {
      const key = keyOverride ?? keyExpression(ctx, flag, style);
      const evaluate = infra(ctx, 'flags/evaluate', 'isFeatureEnabled');
      const store = infra(ctx, 'flags/store', 'flags');
      const segment = ctx.entity.fields.some((field) => field.name === 'segment') && subject !== 'userId' && ctx.rng.chance(0.5);
      const context =
        unit === 'userId' && ctx.rng.chance(0.5) ? '{ userId }' : `{ userId: ${unit}${segment ? `, segment: ${subject}.segment` : ''} }`;
      return `${evaluate}(${store}.get(${key}), ${context})`;
    }
    case 'wrapper':
      if (flag.wrapper !== undefined && keyOverride === undefined && ctx.rng.chance(0.75))
        return `${infra(ctx, 'flags/use-flag', flag.wrapper)}()`;
      return `${infra(ctx, 'flags/use-flag', 'useFlag')}(${keyOverride ?? lit(ctx, flag.key)})`;
    case 'openfeature':
    case 'launchdarkly': {
      const client = openFeatureClient(ctx);
      const key = keyOverride ?? lit(ctx, flag.key);
      if (ctx.rng.chance(0.15)) return `(await ${client}.getBooleanDetails(${key}, false, { targetingKey: ${unit} })).value`;
      return `await ${client}.getBooleanValue(${key}, false, { targetingKey: ${unit} })`;
    }
  }
}

/** The variable holding the signed-in user in a component: `user`, unless the entity itself is called that. */
export function sessionVariable(ctx: Ctx): string {
  return ctx.entity.variable === 'user' ? 'viewer' : 'user';
}

/** A per-request/user decision in a React component or hook. */
export function frontendDecision(ctx: Ctx, flag: PoolFlag, style: FlagUse['style'], user: () => string): string {
  switch (style) {
    case 'seed':
    case 'constants': {
      const key = keyExpression(ctx, flag, style);
      const evaluate = infra(ctx, 'flags/evaluate', 'isFeatureEnabled');
      const store = infra(ctx, 'flags/store', 'flags');
      const who = user();
      return `${evaluate}(${store}.get(${key}), { userId: ${who}.id${ctx.rng.chance(0.4) ? `, segment: ${who}.segment` : ''} })`;
    }
    case 'wrapper':
      if (flag.wrapper !== undefined && ctx.rng.chance(0.75)) return `${infra(ctx, 'flags/use-flag', flag.wrapper)}()`;
      return `${infra(ctx, 'flags/use-flag', 'useFlag')}(${lit(ctx, flag.key)})`;
    case 'openfeature':
      return `${ctx.imports.value('@openfeature/react-sdk', 'useBooleanFlagValue')}(${lit(ctx, flag.key)}, false)`;
    case 'launchdarkly':
      throw new Error('launchdarkly decisions are destructured from useFlags()');
  }
}

/** The statement a test uses to force `flag` on or off for the subject's style. */
export function overrideStatement(ctx: Ctx, flag: PoolFlag, style: FlagUse['style'], on: boolean): string {
  switch (style) {
    case 'seed':
    case 'wrapper':
    case 'constants': {
      const store = infra(ctx, 'flags/store', 'flags');
      const key = style === 'constants' ? keyExpression(ctx, flag, style) : lit(ctx, flag.key);
      return `${store}.override(${key}, ${on ? '{ enabled: true, rolloutPercentage: 100 }' : '{ enabled: false }'});`;
    }
    case 'openfeature': {
      ctx.imports.value('@openfeature/server-sdk', 'OpenFeature');
      ctx.imports.value('@openfeature/server-sdk', 'InMemoryProvider');
      const state = `{ variants: { on: true, off: false }, defaultVariant: ${lit(ctx, on ? 'on' : 'off')}, disabled: false }`;
      return `await OpenFeature.setProviderAndWait(new InMemoryProvider({ ${lit(ctx, flag.key)}: ${state} }));`;
    }
    case 'launchdarkly':
      ctx.imports.value('jest-launchdarkly-mock', 'mockFlags');
      return `mockFlags({ ${camel(...flag.words)}: ${on} });`;
  }
}
