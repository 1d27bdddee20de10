import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceFolders } from '../detect/workspace-packages.js';
import { readConfigFile } from '../config/config-file.js';
import type { PresetName } from '../config/schema.js';
import { toPosixRelative } from '../posix-path.js';

/** The SDK packages (server, browser, React, test helpers) that tell which preset a project needs. */
export const PRESET_PACKAGES: Record<Exclude<PresetName, 'seed'>, readonly string[]> = {
  openfeature: ['@openfeature/server-sdk', '@openfeature/web-sdk', '@openfeature/react-sdk', '@openfeature/js-sdk'],
  launchdarkly: [
    'launchdarkly-node-server-sdk',
    '@launchdarkly/node-server-sdk',
    'launchdarkly-js-client-sdk',
    'launchdarkly-react-client-sdk',
    '@launchdarkly/react-sdk',
    'jest-launchdarkly-mock',
  ],
  unleash: ['unleash-client', 'unleash-proxy-client', '@unleash/proxy-client-react', '@unleash/nextjs'],
  growthbook: ['@growthbook/growthbook', '@growthbook/growthbook-react'],
  flagsmith: ['flagsmith', 'flagsmith-nodejs'],
};

/** A preset and the first dependency that called for it. */
export interface DetectedPreset {
  preset: PresetName;
  dependency: string;
  /** The package.json naming it, relative to the root with `/`. */
  packageJson: string;
}

export interface ProjectPackages {
  /** In the order of PRESET_PACKAGES; empty when no SDK is a dependency. */
  presets: DetectedPreset[];
  /** Every dependency and devDependency name of the root and its workspaces. */
  dependencies: ReadonlySet<string>;
  /** Relative paths of the package.json files read. */
  packageJsons: string[];
}

interface PackageJson {
  dependencies?: unknown;
  devDependencies?: unknown;
  workspaces?: unknown;
}

/** Reads a package.json as data; bad JSON is a user error at its position (readConfigFile's messages). */
function readPackageJson(path: string): PackageJson {
  const { data } = readConfigFile(path);
  return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as PackageJson) : {};
}

function dependencyNames(manifest: PackageJson): string[] {
  const names: string[] = [];
  for (const field of [manifest.dependencies, manifest.devDependencies]) {
    if (typeof field === 'object' && field !== null && !Array.isArray(field)) names.push(...Object.keys(field));
  }
  return names;
}

/**
 * The root's package.json and its workspace packages' (package.json `workspaces`,
 * pnpm-workspace.yaml), their dependency names, and the presets those call for. No package.json
 * is no dependency, not an error.
 */
export function detectProjectPackages(root: string): ProjectPackages {
  const rootJson = join(root, 'package.json');
  if (!existsSync(rootJson)) return { presets: [], dependencies: new Set(), packageJsons: [] };
  const rootManifest = readPackageJson(rootJson);
  const files: [string, PackageJson][] = [['package.json', rootManifest]];
  for (const folder of workspaceFolders(root)) {
    const file = join(folder, 'package.json');
    if (folder !== root) files.push([toPosixRelative(root, file), readPackageJson(file)]);
  }
  const dependencies = new Set<string>();
  const presets: DetectedPreset[] = [];
  for (const [, manifest] of files) {
    for (const name of dependencyNames(manifest)) dependencies.add(name);
  }
  for (const [preset, packages] of Object.entries(PRESET_PACKAGES) as [PresetName, readonly string[]][]) {
    for (const [packageJson, manifest] of files) {
      const dependency = dependencyNames(manifest).find((name) => packages.includes(name));
      if (dependency !== undefined) {
        presets.push({ preset, dependency, packageJson });
        break;
      }
    }
  }
  return { presets, dependencies, packageJsons: files.map(([path]) => path) };
}
