// Over 400 lines: the component and hook renderers, each a long template of JSX and hook code.
/** Renderers for React modules: components (.tsx) with hooks and conditional JSX, and custom hooks. */
import {
  Code,
  decisionName,
  entityType,
  fresh,
  frontendDecision,
  infra,
  lit,
  sessionVariable,
  specifierFor,
  unique,
  wantsMore,
  type Ctx,
} from './corpus-code.js';
import type { FlagUse, PoolFlag } from './corpus-plan.js';
import { BACKEND_FILLERS, depUsage, fill, flagExtras, jsdoc, noiseBlock } from './corpus-render-backend.js';
import { camel, capitalize, kebab, pascal } from './corpus-random.js';
import { ADJECTIVES, PHRASES, UI_NOUNS } from './corpus-words.js';

function react(ctx: Ctx, name: string): string {
  ctx.names.add(name);
  return ctx.imports.value('react', name);
}

function humanize(name: string): string {
  return capitalize(kebab(name).replace(/-/g, ' '));
}

/** A small presentational component of the entity; returns its name. */
function subComponent(ctx: Ctx, code: Code, base: string): string {
  const E = entityType(ctx);
  const x = ctx.entity.variable;
  const name = fresh(ctx, () => `${base}${ctx.rng.pick(UI_NOUNS)}`);
  const css = kebab(name);
  code.blank();
  code.open(`function ${name}({ ${x} }: { ${x}: ${E} }) {`);
  code.open('return (');
  code.open(`<div className="${css}">`);
  switch (ctx.rng.int(0, 2)) {
    case 0:
      code.line(`<span className="${css}__label">{${x}.${ctx.entity.textField}}</span>`);
      code.line(`{${x}.${ctx.entity.numberField} > 0 ? <strong>{${x}.${ctx.entity.numberField}}</strong> : <em>none</em>}`);
      break;
    case 1:
      code.line(`<h4>{${x}.${ctx.entity.textField}}</h4>`);
      code.line(`<p className="${css}__status">{${x}.status}</p>`);
      break;
    default:
      code.open('<ul>');
      for (const field of ctx.rng.sample(ctx.entity.fields, ctx.rng.int(2, 4))) {
        code.line(`<li>${humanize(field.name)}: {String(${x}.${field.name})}</li>`);
      }
      code.close('</ul>');
  }
  code.close('</div>');
  code.close(');');
  code.close();
  return name;
}

type UiFiller = (ctx: Ctx, code: Code) => string | undefined;

/** A list with an empty state. */
const listFiller: UiFiller = (ctx, code) => {
  const E = entityType(ctx);
  const name = fresh(ctx, () => `${ctx.entity.type}${ctx.rng.pick(['Items', 'Entries', 'Rows', 'Results'])}`);
  code.blank();
  code.open(`function ${name}({ items, onSelect }: { items: readonly ${E}[]; onSelect?: (id: string) => void }) {`);
  code.open('if (items.length === 0) {');
  code.line(`return <p className="empty-state">No ${ctx.entity.plural} yet.</p>;`);
  code.close();
  code.open('return (');
  code.open('<ul>');
  code.open('{items.map((item) => (');
  code.open('<li key={item.id}>');
  code.open('<button type="button" onClick={() => onSelect?.(item.id)}>');
  code.line(`{item.${ctx.entity.textField}}`);
  code.close('</button>');
  code.close('</li>');
  code.close('))}');
  code.close('</ul>');
  code.close(');');
  code.close();
  return `<${name} items={[${ctx.entity.variable}]} />`;
};

/** A controlled form with validation state. */
const formFiller: UiFiller = (ctx, code) => {
  const field = ctx.entity.textField;
  const name = fresh(ctx, () => `${ctx.entity.type}${pascal(field)}${ctx.rng.pick(['Form', 'Editor', 'Field'])}`);
  const useState = react(ctx, 'useState');
  const FormEvent = ctx.imports.type('react', 'FormEvent');
  code.blank();
  code.open(`function ${name}({ initial, onSubmit }: { initial: string; onSubmit: (value: string) => void }) {`);
  code.line(`const [value, setValue] = ${useState}(initial);`);
  code.line(`const [error, setError] = ${useState}<string | null>(null);`);
  code.blank();
  code.open(`const handleSubmit = (event: ${FormEvent}<HTMLFormElement>) => {`);
  code.line('event.preventDefault();');
  code.open(`if (value.trim() === ${lit(ctx, '')}) {`);
  code.line(`setError(${lit(ctx, `${humanize(field)} is required`)});`);
  code.line('return;');
  code.close();
  code.line('setError(null);');
  code.line('onSubmit(value.trim());');
  code.close('};');
  code.blank();
  code.open('return (');
  code.open('<form onSubmit={handleSubmit}>');
  code.open('<label>');
  code.line(humanize(field));
  code.line('<input value={value} onChange={(event) => setValue(event.target.value)} />');
  code.close('</label>');
  code.line('{error && <p role="alert">{error}</p>}');
  code.line('<button type="submit">Save</button>');
  code.close('</form>');
  code.close(');');
  code.close();
  return `<${name} initial={${ctx.entity.variable}.${field}} onSubmit={(value) => onSelect?.(value)} />`;
};

/** A formatter used in the JSX. */
const formatterFiller: UiFiller = (ctx, code) => {
  const field = ctx.entity.numberField;
  const name = fresh(ctx, () => `format${pascal(field)}${ctx.rng.pick(['', 'Label', 'Value'])}`);
  code.blank();
  code.open(`function ${name}(value: number): string {`);
  code.line(
    `return new Intl.NumberFormat(${lit(ctx, ctx.rng.pick(['en-US', 'en-GB', 'fr-FR']))}, { maximumFractionDigits: ${ctx.rng.int(0, 2)} }).format(value);`,
  );
  code.close();
  return `<span className="${kebab(field)}">{${name}(${ctx.entity.variable}.${field})}</span>`;
};

/** A stateful disclosure/tab component. */
const tabsFiller: UiFiller = (ctx, code) => {
  const useState = react(ctx, 'useState');
  const name = fresh(ctx, () => `${ctx.entity.type}${ctx.rng.pick(['Tabs', 'Sections', 'Switcher'])}`);
  const tabs = ctx.rng.sample(['overview', 'activity', 'settings', 'history', 'notes', 'billing', 'members'], ctx.rng.int(2, 4));
  code.blank();
  code.line(`type ${name}Tab = ${tabs.map((tab) => lit(ctx, tab)).join(' | ')};`);
  code.blank();
  code.open(`function ${name}({ initialTab = ${lit(ctx, tabs[0]!)} }: { initialTab?: ${name}Tab }) {`);
  code.line(`const [tab, setTab] = ${useState}<${name}Tab>(initialTab);`);
  code.open('return (');
  code.open('<div role="tablist">');
  for (const tab of tabs) {
    code.open(`<button type="button" role="tab" aria-selected={tab === ${lit(ctx, tab)}} onClick={() => setTab(${lit(ctx, tab)})}>`);
    code.line(capitalize(tab));
    code.close('</button>');
  }
  code.close('</div>');
  code.close(');');
  code.close();
  return `<${name} />`;
};

/** A piece of derived state with useMemo; returns nothing to render. */
const UI_FILLERS: readonly UiFiller[] = [
  listFiller,
  formFiller,
  formatterFiller,
  tabsFiller,
  (ctx, code) => `<${subComponent(ctx, code, ctx.entity.type)} ${ctx.entity.variable}={${ctx.entity.variable}} />`,
];

interface FlagRegion {
  /** Statements at the top of the component. */
  setup: string[];
  /** JSX lines in the body. */
  jsx: string[];
  /** A guard before the return: `if (!x) return <Legacy … />;` */
  guard?: string[];
}

/** The flag decisions of a component: setup statements and the JSX they switch. */
function componentFlags(ctx: Ctx, use: FlagUse, subs: Code): FlagRegion {
  const x = ctx.entity.variable;
  const taken = new Set<string>();
  const region: FlagRegion = { setup: [], jsx: [] };
  let userVariable: string | undefined;
  const user = () => {
    if (userVariable === undefined) {
      userVariable = sessionVariable(ctx);
      region.setup.unshift(`const ${userVariable} = ${infra(ctx, 'lib/session', 'useCurrentUser')}();`);
    }
    return userVariable;
  };
  const decisions: Array<{ flag: PoolFlag; name: string }> = [];
  if (use.style === 'launchdarkly') {
    const useFlags = ctx.imports.value('launchdarkly-react-client-sdk', 'useFlags');
    const keys = use.keys.map((flag) => camel(...flag.words));
    if (ctx.rng.chance(0.75)) {
      region.setup.push(`const { ${keys.join(', ')} } = ${useFlags}();`);
      use.keys.forEach((flag, index) => decisions.push({ flag, name: keys[index]! }));
    } else {
      region.setup.push(`const ldFlags = ${useFlags}();`);
      use.keys.forEach((flag, index) => decisions.push({ flag, name: `ldFlags.${keys[index]!}` }));
    }
  } else {
    for (const flag of use.keys) {
      const name = decisionName(ctx, flag, true, taken);
      region.setup.push(`const ${name} = ${frontendDecision(ctx, flag, use.style, user)};`);
      decisions.push({ flag, name });
    }
  }
  const make = (flag: PoolFlag, role: string) =>
    subComponent(ctx, subs, `${role}${pascal(...flag.words.filter((word) => !/^v\d+$/.test(word)).slice(-2))}`);
  const [first, second] = decisions;
  let rest = decisions;
  if (use.nested && second !== undefined) {
    const both = make(second.flag, 'Combined');
    const next = make(first!.flag, 'New');
    const legacy = make(first!.flag, 'Legacy');
    if (ctx.rng.chance(0.5)) {
      region.jsx.push(
        `{${first!.name} ? (${second.name} ? <${both} ${x}={${x}} /> : <${next} ${x}={${x}} />) : <${legacy} ${x}={${x}} />}`,
      );
    } else {
      region.jsx.push(`{${first!.name} && ${second.name} && <${both} ${x}={${x}} />}`);
      region.jsx.push(`{${first!.name} ? <${next} ${x}={${x}} /> : <${legacy} ${x}={${x}} />}`);
    }
    rest = decisions.slice(2);
  } else if (first !== undefined && ctx.rng.chance(0.25)) {
    const legacy = make(first.flag, 'Legacy');
    region.guard = [`if (!${first.name}) {`, `  return <${legacy} ${x}={${x}} />;`, '}'];
    rest = decisions.slice(1);
  }
  for (const decision of rest) {
    switch (ctx.rng.int(0, 2)) {
      case 0: {
        const next = make(decision.flag, 'New');
        const legacy = make(decision.flag, 'Legacy');
        region.jsx.push(`{${decision.name} ? <${next} ${x}={${x}} /> : <${legacy} ${x}={${x}} />}`);
        break;
      }
      case 1: {
        const next = make(decision.flag, ctx.rng.pick(['Promo', 'Beta', 'New']));
        region.jsx.push(`{${decision.name} && <${next} ${x}={${x}} />}`);
        break;
      }
      default:
        region.jsx.push(`{${decision.name} && <span className="badge badge--new">${ctx.rng.pick(['New', 'Beta', 'Preview'])}</span>}`);
    }
  }
  return region;
}

/** A gate component whose flag key is computed at run time. */
function dynamicGate(ctx: Ctx, use: FlagUse, code: Code): void {
  const ReactNode = ctx.imports.type('react', 'ReactNode');
  const name = fresh(ctx, () => `${ctx.entity.type}${ctx.rng.pick(['SectionGate', 'FeatureGate', 'BetaGate'])}`);
  const suffix = ctx.rng.pick(['beta', 'redesign', 'preview']);
  const template = '`${section}-' + suffix + '`';
  let expression: string;
  if (use.style === 'wrapper') expression = `${infra(ctx, 'flags/use-flag', 'useFlag')}(${template})`;
  else if (use.style === 'openfeature')
    expression = `${ctx.imports.value('@openfeature/react-sdk', 'useBooleanFlagValue')}(${template}, false)`;
  else
    expression = `${infra(ctx, 'flags/evaluate', 'isFeatureEnabled')}(${infra(ctx, 'flags/store', 'flags')}.get(${template}), { userId: ${infra(ctx, 'lib/session', 'useCurrentUser')}().id })`;
  code.blank();
  code.open(`export function ${name}({ section, children }: { section: string; children: ${ReactNode} }) {`);
  code.line(`const enabled = ${expression};`);
  code.line('return enabled ? <>{children}</> : null;');
  code.close();
}

export function renderComponent(ctx: Ctx): void {
  const m = ctx.module;
  const x = ctx.entity.variable;
  const E = entityType(ctx);
  const subs = new Code();
  const useState = react(ctx, 'useState');
  const flags = m.flags ? componentFlags(ctx, m.flags, subs) : undefined;
  const setup: string[] = [...(flags?.setup ?? [])];
  const body: string[] = [...(flags?.jsx ?? [])];
  // Dependencies: child components, hooks, helpers.
  const details: string[] = [];
  for (const dep of m.deps) {
    const imported = ctx.imports.value(specifierFor(ctx, dep), dep.primary);
    const local = `${camel(...dep.words)}${details.length + setup.length + 1}`;
    if (dep.kind === 'component') body.push(`<${imported} ${dep.domain!.entity.variable}={${x}} />`);
    else if (dep.kind === 'hook') {
      setup.push(`const { data: ${local} } = ${imported}(${x}.id);`);
      body.push(`{${local} ? <small className="related">{${local}.id}</small> : null}`);
    } else if (dep.kind === 'store') {
      setup.push(`const ${local} = ${react(ctx, 'useMemo')}(() => ${imported}(), []);`);
      body.push(`<span className="count">{${local}.all().length}</span>`);
    } else {
      setup.push(`const ${local} = ${react(ctx, 'useMemo')}(() => ${imported}(${x}), [${x}]);`);
      details.push(`<code>{JSON.stringify(${local})}</code>`);
    }
  }
  // Fillers become sub-components the main component renders.
  const target = m.lineTarget;
  const estimate = () => 34 + setup.length + body.length + subs.length + ctx.preamble.length + ctx.imports.lineCount();
  let guard = 0;
  let order: UiFiller[] = [];
  while (estimate() + 6 < target && guard++ < 40) {
    if (order.length === 0) order = ctx.rng.shuffle([...UI_FILLERS]);
    const usage = order.pop()!(ctx, subs);
    if (usage !== undefined) body.push(usage);
  }
  if (m.flags?.dynamic) dynamicGate(ctx, m.flags, subs);

  const code = ctx.code;
  const props = `${m.primary}Props`;
  ctx.names.add(props);
  const subsFirst = ctx.rng.chance(0.4);
  if (subsFirst) code.blank().append(subs);
  code.blank();
  code.open(`export interface ${props} {`);
  code.line(`${x}: ${E};`);
  code.line('onSelect?: (id: string) => void;');
  const compact = ctx.rng.chance(0.4);
  if (compact) code.line('compact?: boolean;');
  code.close();
  code.blank();
  jsdoc(ctx, `${m.words.join(' ')}; ${ctx.rng.pick(PHRASES)}`);
  code.open(`export function ${m.primary}({ ${x}, onSelect${compact ? ', compact = false' : ''} }: ${props}) {`);
  for (const line of setup) code.line(line);
  code.line(`const [expanded, setExpanded] = ${useState}(${compact ? '!compact' : 'false'});`);
  if (ctx.rng.chance(0.4)) {
    const useEffect = react(ctx, 'useEffect');
    code.open(`${useEffect}(() => {`);
    code.line(`document.title = \`${'${'}${x}.${ctx.entity.textField}} · ${capitalize(ctx.entity.plural)}\`;`);
    code.close(`}, [${x}.${ctx.entity.textField}]);`);
  }
  const handler = ctx.rng.chance(0.5);
  if (handler) {
    const useCallback = react(ctx, 'useCallback');
    code.open(`const handleSelect = ${useCallback}(() => {`);
    code.line(`onSelect?.(${x}.id);`);
    code.close(`}, [onSelect, ${x}.id]);`);
  }
  if (flags?.guard) for (const line of flags.guard) code.line(line);
  code.blank();
  code.open('return (');
  code.open(`<section className="${kebab(m.primary)}" data-status={${x}.status}>`);
  code.open(`<header className="${kebab(m.primary)}__header">`);
  code.line(`<h3>{${x}.${ctx.entity.textField}}</h3>`);
  code.line(`<span className={\`status status--${'${'}${x}.status}\`}>{${x}.status}</span>`);
  code.close('</header>');
  for (const line of body) code.line(line);
  code.open('{expanded && (');
  code.open('<dl>');
  for (const field of ctx.rng.sample(ctx.entity.fields, ctx.rng.int(2, 4))) {
    code.line(`<dt>${humanize(field.name)}</dt>`);
    code.line(`<dd>{String(${x}.${field.name})}</dd>`);
  }
  code.close('</dl>');
  code.close(')}');
  if (details.length > 0) {
    code.open('<details>');
    code.line('<summary>Debug</summary>');
    for (const line of details) code.line(line);
    code.close('</details>');
  }
  code.open('<button type="button" onClick={() => setExpanded((value) => !value)}>');
  code.line(`{expanded ? ${lit(ctx, 'Hide details')} : ${lit(ctx, 'Show details')}}`);
  code.close('</button>');
  if (handler) code.line('<button type="button" onClick={handleSelect}>Select</button>');
  code.close('</section>');
  code.close(');');
  code.close();
  if (!subsFirst) code.blank().append(subs);
  if (m.flags?.typo !== undefined) flagExtras(ctx, { ...m.flags, keys: [], dynamic: false }, 0);
  noiseBlock(ctx);
}

/** `useX(id)` returning `{ data, loading, error, reload }`, loading through http or a flag-selected loader. */
export function renderHook(ctx: Ctx): void {
  const m = ctx.module;
  const x = ctx.entity.variable;
  const E = entityType(ctx);
  const code = ctx.code;
  const useState = react(ctx, 'useState');
  const useEffect = react(ctx, 'useEffect');
  const useCallback = react(ctx, 'useCallback');
  const http = infra(ctx, 'lib/http', 'http');
  const id = `${x}Id`;
  const loaders: string[] = [];
  const load = unique(ctx, `fetch${ctx.entity.type}`);
  loaders.push(
    `async function ${load}(id: string): Promise<${E}> {`,
    `  return ${http}.get<${E}>(\`/api/${ctx.entity.plural}/${'${'}encodeURIComponent(id)}\`);`,
    '}',
  );
  const setup: string[] = [];
  let loader = load;
  const deps: string[] = [id];
  const use = m.flags;
  if (use) {
    const taken = new Set<string>();
    const names: string[] = [];
    if (use.style === 'launchdarkly') {
      const keys = use.keys.map((flag) => camel(...flag.words));
      setup.push(`const { ${keys.join(', ')} } = ${ctx.imports.value('launchdarkly-react-client-sdk', 'useFlags')}();`);
      names.push(...keys);
    } else {
      let userVariable = false;
      const who = sessionVariable(ctx);
      for (const flag of use.keys) {
        const name = decisionName(ctx, flag, true, taken);
        setup.push(
          `const ${name} = ${frontendDecision(ctx, flag, use.style, () => {
            if (!userVariable) setup.unshift(`const ${who} = ${infra(ctx, 'lib/session', 'useCurrentUser')}();`);
            userVariable = true;
            return who;
          })};`,
        );
        names.push(name);
      }
    }
    const next = unique(ctx, `fetch${ctx.entity.type}${ctx.rng.pick(['V2', 'Next', 'Fast'])}`);
    loaders.push(
      '',
      `async function ${next}(id: string): Promise<${E}> {`,
      `  return ${http}.get<${E}>(\`/api/v2/${ctx.entity.plural}/${'${'}encodeURIComponent(id)}\`);`,
      '}',
    );
    if (use.nested && names.length >= 2) {
      const both = unique(ctx, `fetch${ctx.entity.type}Combined`);
      loaders.push(
        '',
        `async function ${both}(id: string): Promise<${E}> {`,
        `  return ${http}.get<${E}>(\`/api/v2/${ctx.entity.plural}/${'${'}encodeURIComponent(id)}?expand=all\`);`,
        '}',
      );
      setup.push(`const loader = ${names[0]} ? (${names[1]} ? ${both} : ${next}) : ${load};`);
    } else {
      setup.push(`const loader = ${names[0]} ? ${next} : ${load};`);
    }
    loader = 'loader';
    deps.push('loader');
  }
  for (const line of loaders) ctx.preamble.line(line);
  code.blank();
  jsdoc(ctx, `${m.words.join(' ')}; ${ctx.rng.pick(PHRASES)}`);
  code.open(`export function ${m.primary}(${id}: string) {`);
  code.line(`const [data, setData] = ${useState}<${E} | undefined>(undefined);`);
  code.line(`const [loading, setLoading] = ${useState}(true);`);
  code.line(`const [error, setError] = ${useState}<Error | null>(null);`);
  for (const line of setup) code.line(line);
  code.blank();
  code.open(`const reload = ${useCallback}(async () => {`);
  code.line('setLoading(true);');
  code.open('try {');
  code.line(`setData(await ${loader}(${id}));`);
  code.line('setError(null);');
  code.close('} catch (caught) {');
  code.line('  setError(caught instanceof Error ? caught : new Error(String(caught)));');
  code.line('} finally {');
  code.line('  setLoading(false);');
  code.line('}');
  code.close(`}, [${deps.join(', ')}]);`);
  code.blank();
  code.open(`${useEffect}(() => {`);
  code.line('void reload();');
  code.close('}, [reload]);');
  code.blank();
  code.line('return { data, loading, error, reload };');
  code.close();
  if (use) {
    if (use.dynamic && use.style !== 'launchdarkly') {
      const name = fresh(ctx, () => `use${pascal(ctx.rng.pick(ADJECTIVES))}Section`);
      const template = '`${section}-' + ctx.rng.pick(['beta', 'redesign']) + '`';
      code.blank();
      code.open(`export function ${name}(section: string): boolean {`);
      if (use.style === 'openfeature')
        code.line(`return ${ctx.imports.value('@openfeature/react-sdk', 'useBooleanFlagValue')}(${template}, false);`);
      else if (use.style === 'wrapper') code.line(`return ${infra(ctx, 'flags/use-flag', 'useFlag')}(${template});`);
      else
        code.line(
          `return ${infra(ctx, 'flags/evaluate', 'isFeatureEnabled')}(${infra(ctx, 'flags/store', 'flags')}.get(${template}), { userId: ${infra(ctx, 'lib/session', 'useCurrentUser')}().id });`,
        );
      code.close();
    }
    if (use.typo !== undefined) flagExtras(ctx, { ...use, keys: [], dynamic: false }, 0);
  }
  depUsage(ctx);
  noiseBlock(ctx);
  hookFillers(ctx);
}

function hookFillers(ctx: Ctx): void {
  let guard = 0;
  while (wantsMore(ctx) && guard++ < 30) {
    const code = ctx.code;
    const choice = ctx.rng.int(0, 3);
    code.blank();
    if (choice === 0) {
      const useState = react(ctx, 'useState');
      const useEffect = react(ctx, 'useEffect');
      const name = fresh(ctx, () => `useDebounced${pascal(ctx.rng.pick(['value', 'query', 'filter', 'search']))}`);
      code.open(`export function ${name}<T>(value: T, delayMs = ${ctx.rng.pick([150, 250, 300, 500])}): T {`);
      code.line(`const [debounced, setDebounced] = ${useState}(value);`);
      code.open(`${useEffect}(() => {`);
      code.line('const timer = setTimeout(() => setDebounced(value), delayMs);');
      code.line('return () => clearTimeout(timer);');
      code.close('}, [value, delayMs]);');
      code.line('return debounced;');
      code.close();
    } else if (choice === 1) {
      const useState = react(ctx, 'useState');
      const useCallback = react(ctx, 'useCallback');
      const name = fresh(
        ctx,
        () => `use${pascal(ctx.rng.pick(['toggle', 'disclosure', 'expanded', 'open']))}${ctx.rng.pick(['', ctx.entity.type])}`,
      );
      code.open(`export function ${name}(initial = false): [boolean, () => void] {`);
      code.line(`const [value, setValue] = ${useState}(initial);`);
      code.line(`const toggle = ${useCallback}(() => setValue((current) => !current), []);`);
      code.line('return [value, toggle];');
      code.close();
    } else if (choice === 2) {
      const useRef = react(ctx, 'useRef');
      const useEffect = react(ctx, 'useEffect');
      const name = fresh(ctx, () => `usePrevious${pascal(ctx.rng.pick(['value', ctx.entity.singular, 'status']))}`);
      code.open(`export function ${name}<T>(value: T): T | undefined {`);
      code.line(`const ref = ${useRef}<T | undefined>(undefined);`);
      code.open(`${useEffect}(() => {`);
      code.line('ref.current = value;');
      code.close('}, [value]);');
      code.line('return ref.current;');
      code.close();
    } else {
      ctx.rng.pick(BACKEND_FILLERS.util!)(ctx);
    }
  }
  fill(ctx, BACKEND_FILLERS.util!);
}
