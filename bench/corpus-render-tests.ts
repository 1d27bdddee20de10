/** Renders vitest test files (describe/it/expect) for services, handlers, utilities, components and hooks. */
import {
  Code,
  entityType,
  wantsMore,
  infra,
  infraSpecifier,
  lit,
  overrideStatement,
  quoteSample,
  relativeSpecifier,
  sampleEntity,
  type Ctx,
} from './corpus-code.js';
import type { FlagUse, ModulePlan, PoolFlag } from './corpus-plan.js';
import { flaggedEntry } from './corpus-render-backend.js';
import { kebab } from './corpus-random.js';

interface TestScope {
  subject: ModulePlan;
  tsx: boolean;
  factory: string;
  /** Registers a vitest export and returns its name. */
  vitest: (name: string) => string;
  /** Imports a name exported by the subject module. */
  fromSubject: (name: string) => string;
}

function sampleText(ctx: Ctx, index: number): string {
  const field = ctx.entity.fields.find((candidate) => candidate.name === ctx.entity.textField)!;
  return quoteSample(ctx, field.sample(ctx.entity.singular, index));
}

/** How a test exercises the subject: statements ending with assertions. */
function exercise(ctx: Ctx, scope: TestScope, variant: number, wrapper?: (element: string) => string): string[] {
  const subject = scope.subject;
  const x = ctx.entity.variable;
  const make = scope.factory;
  const name = scope.fromSubject(subject.primary);
  const id = lit(ctx, `${ctx.entity.singular}-1`);
  switch (subject.kind) {
    case 'component': {
      const render = ctx.imports.value('@testing-library/react', 'render');
      const screen = ctx.imports.value('@testing-library/react', 'screen');
      const element = `<${name} ${x}={${make}()} />`;
      const lines = [`${render}(${wrapper ? wrapper(element) : element});`];
      if (variant % 3 === 0) lines.push(`expect(${screen}.getByRole(${lit(ctx, 'heading')}).textContent).toBe(${sampleText(ctx, 1)});`);
      else if (variant % 3 === 1) {
        const fireEvent = ctx.imports.value('@testing-library/react', 'fireEvent');
        lines.push(
          `${fireEvent}.click(${screen}.getByText(${lit(ctx, 'Show details')}));`,
          `expect(${screen}.getByText(${lit(ctx, 'Hide details')})).toBeTruthy();`,
        );
      } else lines.push(`expect(${screen}.getByRole(${lit(ctx, 'heading')})).toBeTruthy();`);
      return lines;
    }
    case 'hook': {
      const renderHook = ctx.imports.value('@testing-library/react', 'renderHook');
      const waitFor = ctx.imports.value('@testing-library/react', 'waitFor');
      const http = infra(ctx, 'lib/http', 'http');
      return [
        `${scope.vitest('vi')}.mocked(${http}.get).mockResolvedValue(${make}());`,
        `const { result } = ${renderHook}(() => ${name}(${id})${wrapper ? `, { wrapper: ${wrapper('')} }` : ''});`,
        'expect(result.current.loading).toBe(true);',
        `await ${waitFor}(() => expect(result.current.loading).toBe(false));`,
        `expect(result.current.data?.id).toBe(${id});`,
      ];
    }
    case 'api': {
      const ApiRequest = infra(ctx, 'lib/api', 'ApiRequest', true);
      const ApiResponse = infra(ctx, 'lib/api', 'ApiResponse', true);
      const http = infra(ctx, 'lib/http', 'http');
      const missing = variant % 4 === 3;
      return [
        `${scope.vitest('vi')}.mocked(${http}.get).mockResolvedValue(${make}());`,
        'const res = createResponse();',
        `await ${name}({ params: { id: ${missing ? 'undefined' : id} }, query: {}, body: undefined } as unknown as ${ApiRequest}, res as unknown as ${ApiResponse});`,
        `expect(res.status).toHaveBeenCalledWith(${missing ? 400 : 200});`,
      ];
    }
    case 'client': {
      const vi = scope.vitest('vi');
      return [
        `${vi}.stubGlobal(${lit(ctx, 'fetch')}, ${vi}.fn(async () => new Response(JSON.stringify(${make}()))));`,
        `const client = new ${name}();`,
        `await expect(client.fetchById(${id})).resolves.toMatchObject({ id: ${id} });`,
      ];
    }
    case 'store':
      return [
        `const store = ${name}([${make}()]);`,
        'expect(store.all()).toHaveLength(1);',
        `store.remove(${id});`,
        `expect(store.get(${id})).toBeUndefined();`,
      ];
    case 'validation':
      return variant % 2 === 0
        ? [`expect(${name}(${make}()).valid).toBe(true);`]
        : [`const result = ${name}({});`, 'expect(result.errors.length).toBeGreaterThanOrEqual(0);'];
    case 'mapper':
      return [`const result = ${name}(${make}());`, `expect(result).toMatchObject({ id: ${id} });`];
    case 'service': {
      const http = infra(ctx, 'lib/http', 'http');
      const vi = scope.vitest('vi');
      const setup = [`${vi}.mocked(${http}.get).mockResolvedValue(${make}());`, `${vi}.mocked(${http}.post).mockResolvedValue({});`];
      if (subject.shape === 'class') {
        if (variant % 3 === 1) {
          return [
            `${vi}.mocked(${http}.get).mockResolvedValue({ items: [${make}(), ${make}({ id: ${lit(ctx, `${ctx.entity.singular}-2`)} })], total: 2 });`,
            `const items = await new ${name}().list({ status: ${lit(ctx, ctx.rng.pick(ctx.entity.statuses))} });`,
            'expect(items).toHaveLength(2);',
          ];
        }
        if (variant % 3 === 2) {
          return [
            `${vi}.mocked(${http}.get).mockRejectedValue(new Error(${lit(ctx, 'network down')}));`,
            `await expect(new ${name}().getById(${id})).rejects.toThrow(${lit(ctx, 'network down')});`,
          ];
        }
        return [...setup, `const service = new ${name}();`, `await expect(service.getById(${id})).resolves.toMatchObject({ id: ${id} });`];
      }
      if (variant % 3 === 2) {
        return [
          `${vi}.mocked(${http}.get).mockRejectedValue(new Error(${lit(ctx, 'timeout')}));`,
          `${vi}.mocked(${http}.put).mockRejectedValue(new Error(${lit(ctx, 'timeout')}));`,
          `${vi}.mocked(${http}.post).mockRejectedValue(new Error(${lit(ctx, 'timeout')}));`,
          `await expect(${name}(${make}())).rejects.toThrow();`,
        ];
      }
      return [
        ...setup,
        `await expect(${name}(${make}({ ${ctx.entity.numberField}: ${variant * 3 + 1} }))).resolves.toMatchObject({ id: ${id} });`,
      ];
    }
    default:
      return variant % 2 === 0
        ? [`expect(${name}(${make}())).toMatchSnapshot();`]
        : [`const result = ${name}(${make}({ status: ${lit(ctx, ctx.entity.statuses[0]!)} }));`, 'expect(result).toBeDefined();'];
  }
}

/** The statements of a flag-state test: force the state, run the flagged entry, assert. */
function flagCase(ctx: Ctx, scope: TestScope, use: FlagUse, flag: PoolFlag, on: boolean, variant: number): string[] {
  const subject = scope.subject;
  const entry = flaggedEntry(subject);
  const make = scope.factory;
  const id = lit(ctx, `${ctx.entity.singular}-1`);
  const frontend = subject.kind === 'component' || subject.kind === 'hook';
  if (use.style === 'openfeature' && frontend && (scope.tsx || subject.kind === 'component')) {
    const Provider = ctx.imports.value('@openfeature/react-sdk', 'OpenFeatureTestProvider');
    const map = `{{ ${lit(ctx, flag.key)}: ${on} }}`;
    const wrap = (element: string) =>
      element === ''
        ? `({ children }: { children: ${ctx.imports.type('react', 'ReactNode')} }) => <${Provider} flagValueMap=${map}>{children}</${Provider}>`
        : `<${Provider} flagValueMap=${map}>${element}</${Provider}>`;
    return exercise(ctx, scope, variant, wrap);
  }
  const lines = [overrideStatement(ctx, flag, use.style, on)];
  if (frontend) return [...lines, ...exercise(ctx, scope, variant)];
  const http = infra(ctx, 'lib/http', 'http');
  const vi = scope.vitest('vi');
  lines.push(`${vi}.mocked(${http}.get).mockResolvedValue(${make}());`);
  lines.push(`${vi}.mocked(${http}.post).mockResolvedValue({});`);
  if (subject.kind === 'api') {
    const ApiRequest = infra(ctx, 'lib/api', 'ApiRequest', true);
    const ApiResponse = infra(ctx, 'lib/api', 'ApiResponse', true);
    lines.push('const res = createResponse();');
    lines.push(
      `await ${scope.fromSubject(subject.primary)}({ params: { id: ${id} }, query: {}, body: undefined, user: { id: ${lit(ctx, 'user-1')} } } as unknown as ${ApiRequest}, res as unknown as ${ApiResponse});`,
    );
    lines.push('expect(res.status).toHaveBeenCalledWith(200);');
    lines.push(`expect(${http}.${on ? 'post' : 'get'}).toHaveBeenCalled();`);
    return lines;
  }
  const call =
    entry.kind === 'method'
      ? `new ${scope.fromSubject(subject.primary)}().${entry.name}(${make}())`
      : `${scope.fromSubject(entry.name)}(${make}())`;
  lines.push(`const result = await ${call};`);
  lines.push(`expect(result.id).toBe(${id});`);
  if (variant % 2 === 0) lines.push(`expect(${http}.${ctx.rng.pick(['post', 'get', 'put'])}).toHaveBeenCalled();`);
  return lines;
}

export function renderTest(ctx: Ctx): void {
  const test = ctx.module;
  const subject = test.subject!;
  const code = ctx.code;
  const tsx = test.path.endsWith('.tsx');
  const used = new Set<string>();
  const vitest = (name: string) => {
    used.add(name);
    ctx.names.add(name);
    return ctx.imports.value('vitest', name);
  };
  const specifier = relativeSpecifier(test.path, subject.path);
  const scope: TestScope = {
    subject,
    tsx,
    factory: `make${ctx.entity.type}`,
    vitest,
    fromSubject: (name) => ctx.imports.value(specifier, name),
  };
  vitest('describe');
  vitest('it');
  vitest('expect');
  const E = entityType(ctx);
  const needsHttp = ['service', 'api', 'hook'].includes(subject.kind) || (subject.flags !== undefined && subject.kind !== 'component');
  if (needsHttp) {
    infra(ctx, 'lib/http', 'http');
    ctx.preamble.line(`${vitest('vi')}.mock(${lit(ctx, infraSpecifier(ctx, 'lib/http'))});`);
  }
  code.blank();
  code.open(`function ${scope.factory}(overrides: Partial<${E}> = {}): ${E} {`);
  code.line('return {');
  const inner = new Code();
  sampleEntity(ctx, 1, inner, '...overrides,');
  for (const line of inner.lines.slice(1, -1)) code.line(line);
  code.line('};');
  code.close();
  if (subject.kind === 'api') {
    code.blank();
    code.open('function createResponse() {');
    code.line(`const res = { status: ${vitest('vi')}.fn(), json: ${vitest('vi')}.fn() };`);
    code.line('res.status.mockReturnValue(res);');
    code.line('return res;');
    code.close();
  }
  code.blank();
  code.open(`describe(${lit(ctx, subject.primary)}, () => {`);
  const use = subject.flags;
  if (use) {
    const reset =
      use.style === 'launchdarkly'
        ? ctx.imports.value('jest-launchdarkly-mock', 'resetLDMocks') + '()'
        : use.style === 'openfeature'
          ? undefined
          : `${infra(ctx, 'flags/store', 'flags')}.reset()`;
    code.open(`${vitest('beforeEach')}(() => {`);
    if (reset !== undefined) code.line(`${reset};`);
    code.line(`${vitest('vi')}.clearAllMocks();`);
    code.close('});');
  }
  let variant = 0;
  const testCase = (title: string, lines: string[]) => {
    const isAsync = lines.some((line) => line.includes('await '));
    code.blank();
    code.open(`it(${lit(ctx, title)}, ${isAsync ? 'async ' : ''}() => {`);
    for (const line of lines) code.line(line);
    code.close('});');
  };
  if (use) {
    const states = test.testStates ?? 'both';
    const [first, ...others] = use.keys;
    const name = (flag: PoolFlag) => flag.key;
    if (states !== 'off') testCase(`uses the new path when ${name(first!)} is enabled`, flagCase(ctx, scope, use, first!, true, variant++));
    if (states !== 'on')
      testCase(`keeps the current behaviour when ${name(first!)} is disabled`, flagCase(ctx, scope, use, first!, false, variant++));
    for (const flag of others) {
      const on = ctx.rng.chance(0.7);
      testCase(
        `${on ? 'enables' : 'skips'} ${kebab(flag.key).replace(/-/g, ' ')} ${on ? 'when the flag is on' : 'when the flag is off'}`,
        flagCase(ctx, scope, use, flag, on, variant++),
      );
    }
  }
  const titles = [
    `returns the ${ctx.entity.singular} unchanged when nothing applies`,
    `handles ${ctx.rng.pick(ctx.entity.statuses)} ${ctx.entity.plural}`,
    `works with an empty ${ctx.entity.textField}`,
    `keeps the id stable`,
    `${ctx.rng.pick(['renders', 'maps', 'formats', 'loads', 'validates'])} ${ctx.entity.plural} from fixtures`,
    `does not throw on missing optional fields`,
    `matches the previous output`,
    `respects the ${ctx.entity.numberField}`,
  ];
  let index = 0;
  while (wantsMore(ctx) && index < 24) {
    const title = index < titles.length ? titles[index]! : `${ctx.rng.pick(titles)} (case ${index + 1})`;
    testCase(title, exercise(ctx, scope, variant++));
    index++;
  }
  if (index === 0 && !use) testCase(titles[0]!, exercise(ctx, scope, variant));
  code.close('});');
}
