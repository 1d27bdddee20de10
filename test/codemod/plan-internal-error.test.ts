import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { planFlagRemoval } from '../../src/codemod/plan.js';
import type * as RewriteFile from '../../src/codemod/rewrite-file.js';

// A bug of the rewrite, stood in for by a rewrite that throws.
vi.mock('../../src/codemod/rewrite-file.js', async (original) => ({
  ...(await original<typeof RewriteFile>()),
  rewriteFile: () => {
    throw new Error('Property assignment expected.\nat somewhere');
  },
}));

let project: string | undefined;
afterEach(() => {
  if (project !== undefined) rmSync(project, { recursive: true, force: true });
  project = undefined;
});

it('an internal error while planning names the file and the position it was working on, and nothing is written', async () => {
  project = mkdtempSync(join(tmpdir(), 'flag-hygiene-plan-error-'));
  const files: Record<string, string> = {
    'flag-hygiene.config.json': JSON.stringify({ manifest: 'flags.yaml' }),
    'flags.yaml':
      'flags:\n  x:\n    type: release\n    owner: web\n    createdAt: 2026-01-01\n    expiresAt: 2026-03-01\n    enabled: true\n    rolloutPercentage: 100\n',
    'src/page.ts': "import { flags } from './flags';\n\nexport const page =\n  flags.get('x') ? 'new' : 'old';\n",
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(project, path)), { recursive: true });
    writeFileSync(join(project, path), text);
  }
  await expect(planFlagRemoval({ key: 'x', keep: 'on', cwd: project, cache: false, workers: 0 })).rejects.toThrow(
    'remove: failed while rewriting src/page.ts:4:13 (Property assignment expected.); nothing was changed',
  );
  for (const [path, text] of Object.entries(files)) expect(readFileSync(join(project, path), 'utf8')).toBe(text);
});
