import { basename, join, resolve } from 'node:path';
import { readRegularText, READ_LIMITS } from '../../bounded-read.js';
import { UserError } from '../../errors.js';
import { countFailures, type Report } from '../../report/build.js';
import { FINDING_CODES, type FindingCode } from '../../findings/codes.js';
import { REPORT_FORMATS } from '../../report/formats.js';
import type { Inventory } from '../../scanner/inventory.js';
import type { ResolvedSettings } from '../../config/settings.js';
import type { Manifest } from '../../manifest/types.js';
import type { TextMentions } from '../../report/text-mentions.js';
import { toPosixRelative } from '../../posix-path.js';
import type { parseInventoryText } from '../../scanner/inventory-file.js';
import { PACKAGE_VERSION } from '../../version.js';
import { defineCommand, ExitCode, parseChoiceOption, parseIntegerOption, UsageError, writeOutput } from '../command.js';
import { COMMON_OPTIONS, SCAN_OPTIONS } from '../common-options.js';

function parseFailOn(value: string | undefined): FindingCode[] | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === 'none') return [];
  const codes = value
    .split(',')
    .map((code) => code.trim())
    .filter((code) => code !== '');
  // `--fail-on ,` (an empty variable in a CI script) must not pass for none.
  if (codes.length === 0)
    throw new UsageError(
      `report: --fail-on '${value}' names no code; use none to fail on nothing, or a comma-separated list of ${FINDING_CODES.join(', ')}`,
    );
  for (const code of codes) {
    if (!(FINDING_CODES as readonly string[]).includes(code)) {
      throw new UsageError(`report: --fail-on: unknown code '${code}'; use none or a comma-separated list of ${FINDING_CODES.join(', ')}`);
    }
  }
  return codes as FindingCode[];
}

function readInventory(path: string, parse: typeof parseInventoryText): Inventory {
  const read = readRegularText(path, READ_LIMITS.inventory);
  if ('problem' in read) throw new UserError({ file: path, message: `the inventory ${read.problem.message}` });
  return parse(read.text, path);
}

/** Keeps one owner's flags, and the errors on those flags (for a cleanup issue per owner); files not scanned are no one's. */
function restrictToOwner(report: Report, owner: string): void {
  const matches = (flagOwner: string | undefined) => (flagOwner ?? 'unowned') === owner;
  const keys = new Set(report.flags.filter((flag) => matches(flag.owner)).map((flag) => flag.key));
  report.flags = report.flags.filter((flag) => keys.has(flag.key));
  report.errors = report.errors.filter((error) => keys.has(error.key));
  report.skipped = [];
  report.failures = countFailures(report);
}

/** The link base GitHub Actions implies: https://github.com/<owner>/<repo>/blob/<sha>/. */
function linkBaseFromEnvironment(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_SHA } = env;
  if (!GITHUB_SERVER_URL || !GITHUB_REPOSITORY || !GITHUB_SHA) return undefined;
  return `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/blob/${GITHUB_SHA}/`;
}

export const reportCommand = defineCommand({
  name: 'report',
  summary: 'CI gate: flags ready for removal and hygiene errors',
  synopsis: '[paths…]',
  description: [
    'Scans the codebase (or reads scanner inventories with --inventory), joins it with the manifest and the',
    'lifecycle policy, and lists every flag ready for removal (with its reasons and the path to keep) and',
    'every hygiene error. Exits 1 when a finding named by --fail-on is present (default: expired,undeclared),',
    'counting only findings on lines changed since --changed-since REF when given.',
  ].join('\n'),
  options: {
    ...COMMON_OPTIONS,
    format: { type: 'string', valueName: REPORT_FORMATS.join('|'), description: 'Output format (default text).' },
    'fail-on': {
      type: 'string',
      valueName: 'list',
      description: `Comma-separated codes that fail the build, or none (default expired,undeclared). Codes: ${FINDING_CODES.join(', ')}.`,
    },
    'changed-since': { type: 'string', valueName: 'ref', description: 'Only findings on lines changed since this git ref fail the build.' },
    'group-by': { type: 'string', valueName: 'owner', description: 'Group the text and Markdown reports by owner.' },
    owner: {
      type: 'string',
      valueName: 'name',
      description: "Only this owner's flags and the errors on them ('unowned' for flags without one).",
    },
    inventory: {
      type: 'string',
      multiple: true,
      valueName: 'file',
      description: 'Read scanner inventories (shards) instead of scanning; the paths after it are inventories too.',
    },
    'link-base': {
      type: 'string',
      valueName: 'url',
      description: "Base URL for links to files (default: derived from GitHub Actions' environment).",
    },
    output: { type: 'string', valueName: 'file', description: 'Write the report to a file instead of stdout.' },
    ...SCAN_OPTIONS,
  },
  positionals: { min: 0, max: Number.POSITIVE_INFINITY },
  async run({ options, positionals }, io) {
    const format = parseChoiceOption('report', 'format', options.format, REPORT_FORMATS) ?? 'text';
    const groupBy = parseChoiceOption('report', 'group-by', options['group-by'], ['owner'] as const);
    const failOn = parseFailOn(options['fail-on']);
    const workers = parseIntegerOption('report', 'workers', options.workers, { min: 0, max: 64 });
    const settingsInput = {
      cwd: io.cwd,
      env: io.env,
      ...(options.config === undefined ? {} : { configPath: options.config }),
      ...(options.manifest === undefined ? {} : { manifest: options.manifest }),
      ...(options.today === undefined ? {} : { today: options.today }),
    };
    let inventory: Inventory;
    let settings;
    let manifest;
    if (options.inventory !== undefined) {
      // Imported here, not at the top: --help and usage errors load none of this (issue 19).
      const [{ loadCliSettings }, { loadManifest }, { mergeInventories }, { parseInventoryText }] = await Promise.all([
        import('../../config/load-settings.js'),
        import('../../manifest/load.js'),
        import('../../scanner/inventory.js'),
        import('../../scanner/inventory-file.js'),
      ]);
      settings = loadCliSettings(settingsInput);
      manifest = settings.manifestPath === undefined ? undefined : loadManifest(settings.manifestPath, settings.manifestFormat);
      inventory = mergeInventories(
        [...options.inventory, ...positionals].map((path) => readInventory(resolve(io.cwd, path), parseInventoryText)),
      );
    } else {
      const { scanWithProgress } = await import('../scan-with-progress.js');
      const result = await scanWithProgress(io, options, positionals, workers);
      ({ inventory, settings, manifest } = result);
    }
    const changedLines =
      options['changed-since'] === undefined
        ? undefined
        : (await import('../../report/changed-lines.js')).changedLinesSince(options['changed-since'], settings.root);
    const { buildReport, formatReport } = await import('../../report/index.js');
    const textMentions = await mentionsOfUnreferenced(inventory, manifest, settings);
    const report = buildReport({
      textMentions,
      inventory,
      manifest,
      today: settings.today,
      policy: settings.policy,
      root: settings.root,
      findings: settings.findings,
      ...(failOn === undefined ? {} : { failOn }),
      ...(changedLines === undefined ? {} : { changedLines }),
    });
    if (options.owner !== undefined) restrictToOwner(report, options.owner);
    const linkBase = options['link-base'] ?? linkBaseFromEnvironment(io.env);
    const text = formatReport(report, format, {
      color: format === 'text' && io.stdoutIsTTY && options.output === undefined && !io.env.NO_COLOR,
      toolVersion: PACKAGE_VERSION,
      ...(groupBy === undefined ? {} : { groupBy }),
      ...(linkBase === undefined ? {} : { linkBase }),
    });
    writeOutput(io, options.output, text);
    return report.failures > 0 ? ExitCode.findings : ExitCode.clean;
  },
});

/** Issue 16 item 5: the repository's text, searched for the keys no accessor evaluates, before any is called unreferenced. */
async function mentionsOfUnreferenced(
  inventory: Inventory,
  manifest: Manifest | undefined,
  settings: Pick<ResolvedSettings, 'root' | 'tests' | 'manifestPath'>,
): Promise<ReadonlyMap<string, TextMentions>> {
  const [{ unreferencedCandidates }, { findTextMentions }, { testFileMatcher }, { CONFIG_FILE_NAME }] = await Promise.all([
    import('../../report/index.js'),
    import('../../report/text-mentions.js'),
    import('../../config/globs.js'),
    import('../../config/config-file.js'),
  ]);
  const keys = unreferencedCandidates(inventory, manifest);
  if (keys.length === 0) return new Map();
  const isTest = testFileMatcher(settings.root, settings.tests);
  const manifestFile = settings.manifestPath === undefined ? undefined : toPosixRelative(settings.root, settings.manifestPath);
  // The manifest declares every key and tests override them: neither is a use.
  const ignore = (relative: string) =>
    relative === manifestFile || basename(relative) === CONFIG_FILE_NAME || isTest(join(settings.root, relative));
  return findTextMentions(keys, { root: settings.root, ignore });
}
