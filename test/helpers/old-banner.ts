/*
 * The smallest project with a flag ready for removal: `old_banner`, expired and fully rolled out,
 * read once by a ternary. Tests of the codemod and the CLI options build on it.
 */

export const OLD_BANNER_YAML = [
  'flags:',
  '  old_banner:',
  '    type: release',
  '    owner: web',
  '    createdAt: 2026-01-01',
  '    expiresAt: 2026-03-01',
  '    enabled: true',
  '    rolloutPercentage: 100',
  '',
].join('\n');

export const BANNER_TS = "import { flags } from './flags';\nexport const banner = flags.get('old_banner')?.enabled ? 'new' : 'old';\n";
