import { readFileSync, writeFileSync } from 'node:fs';
import type { AccessorSetting } from '../src/patterns/index.js';
import { PRESETS } from '../src/config/presets.js';
import type { PresetName } from '../src/config/schema.js';

/** docs/presets.md holds a table per preset between these markers, made from PRESETS; a test checks it is current. */
export const PRESET_DOCS = 'docs/presets.md';
const BEGIN = '<!-- begin generated preset tables: npm run docs -->';
const END = '<!-- end generated preset tables -->';

/** What a pattern's options change, in the order a reader asks: what it returns, its role, then the details. */
function notes(setting: AccessorSetting): string {
  if (typeof setting === 'string') return '';
  return [
    setting.returns !== undefined && setting.returns !== 'boolean' ? `returns ${setting.returns}` : undefined,
    setting.role === 'override' ? 'override' : undefined,
    setting.negated === true ? 'negated' : undefined,
    setting.keyCase === 'camelCase' ? 'camelCase keys' : undefined,
    setting.destructuredProp === true ? 'also destructured from props' : undefined,
    setting.async === true ? 'async' : undefined,
    setting.imports === undefined ? undefined : `from ${setting.imports.join(' / ')}`,
  ]
    .filter((note) => note !== undefined)
    .join(', ');
}

/** A Markdown table cell: a pipe inside a pattern would end the cell. */
const cell = (text: string) => text.replaceAll('|', '\\|');

export function presetTables(): string {
  const sections = (Object.entries(PRESETS) as [PresetName, readonly AccessorSetting[]][]).map(([name, settings]) => {
    const rows = settings.map((setting) =>
      `| \`${cell(typeof setting === 'string' ? setting : setting.pattern)}\` | ${cell(notes(setting))} |`.replace(/ {2}\|$/, ' |'),
    );
    return [`## \`${name}\``, '', '| pattern | notes |', '| --- | --- |', ...rows].join('\n');
  });
  return `${BEGIN}\n\n${sections.join('\n\n')}\n\n${END}`;
}

/** The generated block of a docs page, or undefined when its markers are missing. */
export function generatedBlock(text: string): string | undefined {
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  return start === -1 || end === -1 ? undefined : text.slice(start, end + END.length);
}

if (process.argv[1]?.endsWith('write-preset-docs.js')) {
  const path = new URL(`../../${PRESET_DOCS}`, import.meta.url);
  const text = readFileSync(path, 'utf8');
  const current = generatedBlock(text);
  if (current === undefined) throw new Error(`${PRESET_DOCS} has no generated-block markers`);
  writeFileSync(path, text.replace(current, presetTables()));
}
