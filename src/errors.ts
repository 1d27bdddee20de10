/** Where in a user's file something is wrong. Lines and columns are 1-based. */
export interface SourcePosition {
  file?: string;
  line?: number;
  column?: number;
}

/** A problem the user can cause and fix: bad input, not a bug in this tool. */
export interface UserProblem extends SourcePosition {
  message: string;
}

/** `file:line:column: message`, leaving out the parts that are unknown. */
export function formatUserProblem(problem: UserProblem): string {
  const where = [problem.file, problem.line, problem.line === undefined ? undefined : problem.column]
    .filter((part) => part !== undefined)
    .join(':');
  return where === '' ? problem.message : `${where}: ${problem.message}`;
}

/**
 * Carries user problems across layers to the one place that reports them (the CLI, or the ESLint
 * plugin's configuration check). Never used for bugs.
 */
export class UserError extends Error {
  readonly problems: readonly UserProblem[];

  constructor(problems: UserProblem | readonly UserProblem[]) {
    const list = Array.isArray(problems) ? problems : [problems as UserProblem];
    super(list.map(formatUserProblem).join('\n'));
    this.name = 'UserError';
    this.problems = list;
  }
}
