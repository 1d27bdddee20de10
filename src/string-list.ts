/** Whether a value read from JSON or YAML (a cache record, a tsconfig, a workspace file) is a list of strings. */
export function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
