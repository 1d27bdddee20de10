import { createRequire } from 'node:module';
import type * as Diff from 'diff';
import type * as JsYaml from 'js-yaml';
import type * as Yaml from 'yaml';

/*
 * Packages that only some runs need, loaded on first use. ESLint loads the plugin in every run and
 * keeps what it loaded for the whole run; most runs read no YAML manifest and fix no stale flag.
 * Loaded up front, `yaml`, `js-yaml` and `diff` cost some 80 ms and 2.5 MB of heap (and V8 grows
 * its heap to a multiple of what stays alive).
 */

const require = createRequire(import.meta.url);
let yaml: typeof Yaml | undefined;
let jsYaml: typeof JsYaml | undefined;
let diff: typeof Diff | undefined;

/** `yaml`: the YAML document model (positions, comments, problems). */
export function yamlPackage(): typeof Yaml {
  return (yaml ??= require('yaml') as typeof Yaml);
}

/** `js-yaml`: reads a YAML text's data. */
export function jsYamlPackage(): typeof JsYaml {
  return (jsYaml ??= require('js-yaml') as typeof JsYaml);
}

/** `diff`: the codemod's text edits and unified diffs. */
export function diffPackage(): typeof Diff {
  return (diff ??= require('diff') as typeof Diff);
}
