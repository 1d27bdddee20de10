import type { FunctionFact } from '../src/detect/facts.js';
import { createRule } from '../src/eslint/create-rule.js';
import { checkFile, CONFIGURATION_MESSAGE, FIRST_LINE, eslintLoc, flagName } from '../src/eslint/rule-support.js';

export type Options = [{ loggers?: string[]; includeConsole?: boolean }];
export type MessageId = 'unloggedDecision' | 'configuration';

/** `metrics.*` matches the end of `this.metrics.histogram`; `*` is one segment. */
function matchesLogger(callee: string, pattern: string): boolean {
  const chain = callee.split('.');
  const wanted = pattern.split('.');
  if (chain.length < wanted.length) return false;
  const tail = chain.slice(chain.length - wanted.length);
  return wanted.every((segment, index) => segment === '*' || segment === tail[index]);
}

export default createRule<Options, MessageId>({
  name: 'require-flag-decision-log',
  meta: {
    type: 'suggestion',
    docs: { description: 'Require every flag decision to log which variant it served', strict: 'warn' },
    messages: {
      unloggedDecision:
        'The decision on flag "{{key}}" is not logged: no logger call in {{fn}} mentions the flag, its decision variable or a value the branches set. Record the variant served (e.g. `metrics.increment(…, { variant })`) so its effect can be measured.',
      configuration: CONFIGURATION_MESSAGE,
    },
    defaultOptions: [{ loggers: ['metrics.*', 'analytics.track', 'logger.*'], includeConsole: false }],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          loggers: {
            type: 'array',
            items: { type: 'string' },
            description: 'Logger calls, as member chains matched against the end of the callee; `*` is any one name.',
          },
          includeConsole: { type: 'boolean', description: 'Count `console.*` calls as logging.' },
        },
      },
    ],
  },
  create(context, [options]) {
    const announce = (message: string) => context.report({ loc: FIRST_LINE, messageId: 'configuration', data: { message } });
    const loggers = [...(options.loggers ?? []), ...(options.includeConsole ? ['console.*'] : [])];
    return checkFile(context, { manifest: false, announce }, ({ facts }) => {
      if (facts.test) return;
      // The functions around each decision, found once: searching every function for each decision
      // costs decisions times functions.
      const enclosingOf = new Map<number, FunctionFact[]>();
      for (const fn of facts.facts.functions) {
        for (const id of fn.decisions) {
          const enclosing = enclosingOf.get(id);
          if (enclosing === undefined) enclosingOf.set(id, [fn]);
          else if (enclosing.at(-1) !== fn) enclosing.push(fn);
        }
      }
      const reported = new Set<string>();
      for (const decision of facts.decisions) {
        const reference = facts.references[decision.reference]!;
        if (reference.role !== 'evaluate' || decision.functionId === undefined) continue;
        const fn = facts.facts.functions[decision.functionId]!;
        const key = flagName(reference);
        const id = `${fn.id}\u0000${key}`;
        if (reported.has(id)) continue;
        const derived = new Set([key, ...(decision.variable === undefined ? [] : [decision.variable]), ...decision.assigned]);
        // Any function around the decision may do the logging (a callback decides, its caller logs).
        const enclosing = enclosingOf.get(decision.id) ?? [];
        const logged = enclosing.some((candidate) =>
          (candidate.calledWith ?? []).some(
            (call) => loggers.some((logger) => matchesLogger(call.callee, logger)) && call.mentions.some((mention) => derived.has(mention)),
          ),
        );
        if (logged) continue;
        reported.add(id);
        context.report({
          loc: eslintLoc(decision.loc),
          messageId: 'unloggedDecision',
          data: { key, fn: fn.name === '<anonymous>' ? 'this function' : `${fn.name}()` },
        });
      }
    });
  },
});
