import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { parseSource, parseText } from '../detect/parse-source.js';
import { componentScript } from './script-view.js';

/** A parsed file as the scanner reads it, and the text its positions and ranges refer to. */
export interface ScannedProgram {
  program: TSESTree.Program;
  /** The file's text, or a component's script view (same length and line breaks as the file). */
  text: string;
}

/**
 * Parses a module, or a component (`.vue`, `.svelte`, `.astro`) through its script view, so that
 * positions are the file's own. Throws what the parser throws.
 */
export function parseAsScanned(file: string, fileText: string): ScannedProgram {
  const component = componentScript(file, fileText);
  if (component === undefined) return { program: parseSource(file, fileText), text: fileText };
  return { program: parseText(file, component.text, component.jsx), text: component.text };
}
