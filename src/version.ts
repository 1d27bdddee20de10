import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_NAME = 'eslint-plugin-flag-hygiene';

/** Finds this package's own package.json, whether running from `src/` (tests) or `dist/src/`. */
function readOwnPackageJson(): { name: string; version: string } {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const parsed = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (parsed.name === PACKAGE_NAME && typeof parsed.version === 'string') {
        return { name: parsed.name, version: parsed.version };
      }
    } catch {
      // no package.json at this level; keep walking up
    }
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`cannot find the package.json of ${PACKAGE_NAME}`);
    directory = parent;
  }
}

export const PACKAGE_VERSION = readOwnPackageJson().version;
