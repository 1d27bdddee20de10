import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCliSettings } from '../src/config/load-settings.js';
import { discoverFiles } from '../src/scanner/files.js';
import { generateCorpus } from './corpus.js';
import { FLAG_PACKAGE, fetchRealCorpus } from './real-corpus.js';

/** The corpus of the smoke run: big enough to exercise every suite, small enough for `npm test`. */
export const SMOKE_FILES = 200;

export const CACHE_DIR = fileURLToPath(new URL('../../bench/.cache', import.meta.url));

/** A generated corpus of `files` files (seed 1), generated once and reused; returns its config file. */
export async function generatedCorpus(files: number, log: (message: string) => void): Promise<string> {
  const label = files >= 1000 && files % 1000 === 0 ? `${files / 1000}k` : String(files);
  const root = join(CACHE_DIR, `gen-${label}`);
  if (!existsSync(join(root, 'corpus.json'))) {
    log(`generating a ${files}-file corpus in ${root}…`);
    await generateCorpus({ files, seed: 1, outDir: root });
  }
  return join(root, 'flag-hygiene.config.json');
}

export interface RealCorpusConfig {
  config: string;
  name: string;
  files: number;
}

/**
 * The real corpus that uses flags (unleash-server), with the config its own code calls for: its
 * accessor, and its minified frontend bundle left out (a build, not the server's code). Returns
 * the config file.
 */
export async function flagCorpus(log: (message: string) => void): Promise<RealCorpusConfig> {
  const corpus = await fetchRealCorpus({ cacheDir: CACHE_DIR, log, packages: [FLAG_PACKAGE], overrideVariable: 'BENCH_FLAG_PACKAGE' });
  const config = join(corpus.root, 'flag-hygiene.config.json');
  writeFileSync(config, JSON.stringify(FLAG_CORPUS_SETTINGS, null, 2) + '\n');
  const settings = loadCliSettings({ cwd: corpus.root, env: {}, configPath: config });
  const files = discoverFiles({ root: settings.root, include: settings.include, exclude: settings.exclude, cwd: settings.root }).length;
  return { config, name: `${corpus.name}@${corpus.version}`, files };
}

/** unleash-server evaluates its flags through its `flagResolver` (`this.flagResolver`, `config.flagResolver`). */
export const FLAG_CORPUS_SETTINGS = {
  accessors: [
    { pattern: 'flagResolver.isEnabled($KEY)', returns: 'boolean' },
    { pattern: 'flagResolver.getVariant($KEY)', returns: 'value' },
  ],
  exclude: ['**/node_modules/**', '**/*.d.ts', 'frontend/**'],
};

/** The real package corpus without flags, with a scanner config written beside its sources; returns the config file. */
export async function realCorpus(log: (message: string) => void): Promise<RealCorpusConfig> {
  const corpus = await fetchRealCorpus({ cacheDir: CACHE_DIR, log });
  const config = join(corpus.root, 'flag-hygiene.config.json');
  if (!existsSync(config)) {
    mkdirSync(corpus.root, { recursive: true });
    writeFileSync(
      config,
      JSON.stringify(
        {
          presets: ['seed', 'openfeature', 'launchdarkly', 'unleash', 'growthbook', 'flagsmith'],
          exclude: ['**/node_modules/**', '**/*.d.ts'],
        },
        null,
        2,
      ) + '\n',
    );
  }
  return { config, name: `${corpus.name}@${corpus.version}`, files: corpus.files };
}
