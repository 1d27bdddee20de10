import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './corpus.js';
import { fetchRealCorpus } from './real-corpus.js';

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

/** The real package corpus, with a scanner config written beside its sources; returns the config file. */
export async function realCorpus(log: (message: string) => void): Promise<{ config: string; name: string; files: number }> {
  const corpus = await fetchRealCorpus({ cacheDir: CACHE_DIR, log });
  const config = join(corpus.root, 'flag-hygiene.config.json');
  if (!existsSync(config)) {
    mkdirSync(corpus.root, { recursive: true });
    writeFileSync(config, JSON.stringify({ presets: ['seed', 'openfeature', 'launchdarkly', 'unleash', 'growthbook', 'flagsmith'], exclude: ['**/node_modules/**', '**/*.d.ts'] }, null, 2) + '\n');
  }
  return { config, name: `${corpus.name}@${corpus.version}`, files: corpus.files };
}
