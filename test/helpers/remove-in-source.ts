import { presetAccessors } from '../../src/config/presets.js';
import type { PresetName } from '../../src/config/schema.js';
import { rewriteFile, type FileRewrite, type KeptBranch } from '../../src/codemod/rewrite-file.js';
import { analyzeFile } from '../../src/detect/analyze.js';
import { AccessorIndex } from '../../src/patterns/index.js';
import { parseSource } from '../../src/detect/parse-source.js';
import { resolveFacts } from '../../src/detect/resolve.js';

/** Removes a flag from one source text, as the codemod does file by file. */
export function removeInSource(
  code: string,
  key: string,
  keep: KeptBranch,
  options: { presets?: PresetName[]; file?: string; test?: boolean } = {},
): FileRewrite {
  const file = options.file ?? '/project/src/module.tsx';
  const index = new AccessorIndex((options.presets ?? ['seed']).flatMap((preset) => presetAccessors(preset)));
  const facts = analyzeFile(parseSource(file, code), { index, test: options.test ?? false, text: code });
  const references = resolveFacts(file, facts, undefined).references.filter(
    (reference) => reference.key.kind === 'static' && reference.key.key === key,
  );
  return rewriteFile(file, code, references, keep, undefined, { test: options.test ?? false });
}

/** Trims the common indentation of a template literal, so expected code reads naturally in tests. */
export function code(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = String.raw({ raw: strings }, ...values)
    .replace(/^\n/, '')
    .replace(/\n[ \t]*$/, '\n');
  const indent = Math.min(
    ...raw
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => /^ */.exec(line)![0].length),
  );
  return raw
    .split('\n')
    .map((line) => line.slice(indent))
    .join('\n');
}
