import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runBin } from '../helpers/run-bin.js';

/*
 * scan and report on the single-file-component projects of test/fixtures: every finding at its
 * line and column in the .vue, .svelte or .astro file.
 */

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

interface JsonReport {
  flags: { key: string; references: { file: string; line: number; column: number }[]; reasons: string[]; keep: string | null }[];
  errors: { code: string; key: string; file: string; line: number; column: number; failing: boolean }[];
  failures: number;
}

/** Each flag as `key [reasons] keep → file:line:column …`, each failing error as `code key file:line:column`. */
function summary(stdout: string): { flags: string[]; failing: string[]; untested: number; failures: number } {
  const report = JSON.parse(stdout) as JsonReport;
  return {
    flags: report.flags.map(
      (flag) =>
        `${flag.key} [${flag.reasons.join(',')}] ${flag.keep ?? '-'} → ${flag.references.map((at) => `${at.file}:${at.line}:${at.column}`).join(' ')}`,
    ),
    failing: report.errors
      .filter((error) => error.failing)
      .map((error) => `${error.code} ${error.key} ${error.file}:${error.line}:${error.column}`),
    untested: report.errors.filter((error) => error.code === 'untested-state').length,
    failures: report.failures,
  };
}

const report = (name: string) => runBin(['report', '--format', 'json', '--no-cache', '--no-progress'], { cwd: fixture(name) });

describe('report on single-file components', () => {
  it('Vue + Nuxt: the expired flags read in a template and in an Options API script, the undeclared one in an interpolation', () => {
    const result = report('sfc-vue-nuxt');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    expect(summary(result.stdout)).toEqual({
      flags: [
        'beta-badge [] - → components/AppHeader.vue:2:42',
        'fast-checkout [] - → pages/checkout.vue:4:33',
        'holiday-banner [] - → components/AppHeader.vue:5:36',
        'nav-tracking [] - → components/AppHeader.vue:3:58',
        'new-nav [expired,fully-rolled-out] on → components/AppHeader.vue:3:29',
        'spring-promo [expired,always-off] off → pages/index.vue:17:24',
        'wide-menu [] - → pages/index.vue:6:41',
      ],
      failing: ['undeclared holiday-banner components/AppHeader.vue:5:36'],
      // No test forces any of the seven.
      untested: 7,
      // Two expired flags and one undeclared.
      failures: 3,
    });
  });

  it('Svelte: the expired flag of an {#if}, the undeclared one of a quoted attribute, and a key from the module script', () => {
    const result = report('sfc-svelte');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    expect(summary(result.stdout)).toEqual({
      flags: [
        'beta-button [] - → src/routes/+page.svelte:15:31',
        'click-tracking [] - → src/routes/+page.svelte:15:73',
        'compact-layout [] - → src/routes/+page.svelte:6:29',
        'hero-html [] - → src/lib/Hero.svelte:11:77',
        'hero-title [] - → src/lib/Hero.svelte:11:44',
        'hero-v2 [] - → src/routes/+page.svelte:11:21',
        'hero-video [] - → src/lib/Hero.svelte:10:18',
        'new-hero [expired,fully-rolled-out] on → src/routes/+page.svelte:9:16',
        'show-count [] - → src/routes/+page.svelte:16:14',
        'show-total [] - → src/routes/+page.svelte:16:57',
      ],
      failing: ['undeclared hero-title src/lib/Hero.svelte:11:44'],
      untested: 10,
      // One expired flag and one undeclared.
      failures: 2,
    });
  });

  it('Astro: the expired flag of the frontmatter, and one of a client <script>', () => {
    const result = report('sfc-astro');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    expect(summary(result.stdout)).toEqual({
      flags: [
        'client-analytics [] - → src/pages/index.astro:16:17',
        'pricing-page [expired,fully-rolled-out] on → src/pages/index.astro:5:31',
      ],
      failing: [],
      untested: 2,
      failures: 1,
    });
  });
});

describe('scan naming files', () => {
  it('warns of a file no reader understands, and lists the references of a component beside it', () => {
    const result = runBin(['scan', '--no-cache', '--no-progress', 'content/about.md', 'components/AppHeader.vue'], {
      cwd: fixture('sfc-vue-nuxt'),
    });
    expect(result).toEqual({
      status: 0,
      stderr: '',
      stdout: [
        'components/AppHeader.vue:2:42  beta-badge  evaluate  via isEnabled($KEY)',
        'components/AppHeader.vue:3:29  new-nav  evaluate  via isEnabled($KEY)',
        'components/AppHeader.vue:3:58  nav-tracking  evaluate  via isEnabled($KEY)',
        'components/AppHeader.vue:5:36  holiday-banner  evaluate  via isEnabled($KEY)',
        'warning: content/about.md was not scanned: no reader understands this kind of file (the scanner reads .ts, .tsx, .mts, .cts, .js, .jsx, .mjs, .cjs, .vue, .svelte and .astro files)',
        '4 references to 4 flags in 1 of 1 files',
        '',
      ].join('\n'),
    });
  });
});
