import type { OptionSpec } from './command.js';

/** Options shared by several commands, described once. */
export const COMMON_OPTIONS = {
  config: { type: 'string', valueName: 'file', description: 'The config file (default: flag-hygiene.config.json, searched upwards).' },
  manifest: { type: 'string', valueName: 'file', description: 'The flag manifest (default: the config\'s "manifest").' },
  today: { type: 'string', valueName: 'YYYY-MM-DD', description: 'Evaluate the policy at this date (beats FLAG_HYGIENE_TODAY and "today").' },
} as const satisfies Record<string, OptionSpec>;
