import { readManifestText } from '../../src/manifest/load.js';
import { buildReport, type Report } from '../../src/report/index.js';
import { sortInventory, type Inventory, type InventoryReference } from '../../src/scanner/inventory.js';

/*
 * A small, representative report built the way the CLI builds it: an inventory as the scanner
 * writes it, a manifest read from YAML text, the default --fail-on (expired,undeclared).
 */

export const TODAY = '2026-11-28';
export const LINK_BASE = 'https://github.com/o/r/blob/abc123/';

/** Joins lines, so positions are easy to count: line n is the n-th string. */
const lines = (...text: string[]) => `${text.join('\n')}\n`;

const MANIFEST = lines(
  'flags:', // 1
  '  new_payment_processor:', // 2
  '    type: release',
  '    owner: payments-team',
  '    createdAt: 2026-05-01', // 211 days before TODAY, fully rolled out
  '    expiresAt: 2027-08-01',
  '    ticket: PAY-123',
  '    description: Route orders to the new payment processor',
  '    enabled: true',
  '    rolloutPercentage: 100', // 10
  '  legacy_search:', // 11
  '    type: experiment',
  '    owner: search-team',
  '    createdAt: 2025-06-01', // 545 days
  '    expiresAt: 2026-01-31', // expired
  '    enabled: false', // always off
  '  admin_tools:', // 17
  '    type: permission',
  '    owner: platform',
  '    createdAt: 2024-01-01', // 20
  '    enabled: true',
  '  old_banner:', // 22
  '    type: release',
  '    owner: payments-team',
  '    createdAt: 2026-10-01', // 58 days, never used
  '    expiresAt: 2027-01-01',
  '    enabled: true',
  '    rolloutPercentage: 50',
);

export function reference(
  key: string,
  file: string,
  line: number,
  column: number,
  extra: Partial<InventoryReference> = {},
): InventoryReference {
  const test = file.startsWith('test/');
  return {
    key,
    file,
    line,
    column,
    test,
    dynamic: false,
    via: 'flags.get($KEY)',
    role: 'evaluate',
    endLine: line,
    endColumn: column + key.length + 2,
    ...extra,
  };
}

function override(key: string, file: string, line: number, state: 'on' | 'off'): InventoryReference {
  return reference(key, file, line, 3, { role: 'override', via: 'flags.override($KEY, $STATE)', state });
}

export function inventory(references: InventoryReference[], extra: Partial<Inventory> = {}): Inventory {
  return sortInventory({
    version: 1,
    tool: 'flag-hygiene',
    references,
    nestings: [],
    problems: [],
    warnings: [],
    skipped: [],
    stats: { files: 0, analysed: 0, skipped: 0 },
    ...extra,
  });
}

/**
 * - new_payment_processor: fully rolled out (not failing), referenced twice and tested on and off;
 * - legacy_search: expired (failing) and always off, one reference, never tested (untested-state);
 * - admin_tools: a permission flag, not ready;
 * - old_banner: unreferenced, so located at its declaration (flags.yaml:22:3);
 * - new_chekout: undeclared (failing).
 */
export function sampleReport(failOn?: Parameters<typeof buildReport>[0]['failOn']): Report {
  const { manifest, problems } = readManifestText(MANIFEST, '/repo/flags.yaml');
  if (problems.length > 0) throw new Error(JSON.stringify(problems));
  return buildReport({
    inventory: inventory([
      reference('new_payment_processor', 'src/checkout.ts', 12, 5),
      reference('new_payment_processor', 'src/pay.ts', 3, 10),
      reference('admin_tools', 'src/admin.ts', 2, 1),
      reference('new_chekout', 'src/a.ts', 9, 5),
      reference('legacy_search', 'src/search.ts', 7, 9),
      override('new_payment_processor', 'test/pay.test.ts', 4, 'on'),
      override('new_payment_processor', 'test/pay.test.ts', 9, 'off'),
      override('admin_tools', 'test/admin.test.ts', 5, 'on'),
      override('admin_tools', 'test/admin.test.ts', 6, 'off'),
    ]),
    manifest,
    today: TODAY,
    policy: { releaseMaxAgeDays: 30, unevaluatedDays: 90, expiringSoonDays: 14 },
    root: '/repo',
    ...(failOn === undefined ? {} : { failOn }),
  });
}

/** A report whose every repository-controlled value is hostile, built by hand. */
export function hostileReport(values: {
  key: string;
  owner: string;
  ticket: string;
  description: string;
  file: string;
  message: string;
}): Report {
  const { key, owner, ticket, description, file, message } = values;
  return {
    today: TODAY,
    failOn: ['expired', 'undeclared'],
    failures: 2,
    warnings: [],
    skipped: [],
    flags: [
      {
        key,
        declared: true,
        type: 'release',
        owner,
        ticket,
        description,
        references: [
          { file, line: 3, column: 7, test: false, role: 'evaluate', via: 'flags.get($KEY)' },
          { file, line: 8, column: 1, test: false, role: 'evaluate', via: 'flags.get($KEY)' },
        ],
        readyForRemoval: true,
        reasons: ['expired'],
        keep: 'on',
        createdAt: '2026-01-01',
        expiresAt: '2026-06-01',
        ageDays: 331,
        declaredAt: { file, line: 2, column: 3 },
        testedStates: { on: true, off: true },
        failing: ['expired'],
      },
    ],
    errors: [{ code: 'undeclared', key, file, line: 5, column: 2, message, failing: true }],
  };
}
