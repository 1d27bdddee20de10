import type { FindingOptions } from '../findings/options.js';
import type { AccessorSetting } from '../patterns/index.js';

/**
 * The one settings schema: ESLint's `settings['flag-hygiene']` and `flag-hygiene.config.json`.
 * Also written to schema/flag-hygiene.config.schema.json for editors (a test keeps it current).
 */
export const PRESET_NAMES = ['seed', 'openfeature', 'launchdarkly', 'unleash', 'growthbook', 'flagsmith'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export const MANIFEST_FORMATS = ['auto', 'flag-hygiene', 'openfeature', 'flagd', 'unleash'] as const;
export type ManifestFormat = (typeof MANIFEST_FORMATS)[number];

export interface PolicySettings {
  /** A release flag fully rolled out for longer than this is ready for removal. */
  releaseMaxAgeDays?: number;
  /** A flag whose lastEvaluated is older than this is ready for removal. */
  unevaluatedDays?: number;
  /** How long before expiresAt a reference is reported as expiring soon. */
  expiringSoonDays?: number;
}

export interface FlagHygieneSettings {
  manifest?: string;
  manifestFormat?: ManifestFormat;
  presets?: PresetName[];
  accessors?: AccessorSetting[];
  today?: string;
  policy?: PolicySettings;
  include?: string[];
  exclude?: string[];
  tests?: string[];
  /** Options of the gate's findings, as the ESLint rules take them. */
  findings?: { [Code in keyof FindingOptions]?: Partial<FindingOptions[Code]> };
  /** Set by the plugin's `settings()` helper so `eslint --cache` sees manifest edits and a new day. */
  cacheKey?: string;
}

const stringList = (description: string) => ({
  type: 'array',
  description,
  items: { type: 'string', minLength: 1 },
});

export const SETTINGS_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://unpkg.com/eslint-plugin-flag-hygiene/schema/flag-hygiene.config.schema.json',
  title: 'flag-hygiene settings',
  description: "Settings of eslint-plugin-flag-hygiene: ESLint's settings['flag-hygiene'] or flag-hygiene.config.json.",
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string', description: 'The JSON schema of this file, for editors.' },
    manifest: {
      type: 'string',
      minLength: 1,
      description: 'The flag manifest (YAML or JSON), relative to this file (ESLint: to its working directory).',
    },
    manifestFormat: {
      enum: [...MANIFEST_FORMATS],
      description: 'The manifest format; auto (default) detects it from the content.',
    },
    presets: {
      type: 'array',
      description: 'Accessor presets of feature-flag SDKs. Default: ["seed"] when no accessors are given.',
      items: { enum: [...PRESET_NAMES] },
      uniqueItems: true,
    },
    accessors: {
      type: 'array',
      description: 'Code-shaped accessor patterns; $KEY marks the flag key, $STATE the forced state of an override.',
      items: {
        anyOf: [
          { type: 'string', minLength: 1 },
          {
            type: 'object',
            additionalProperties: false,
            required: ['pattern'],
            properties: {
              pattern: { type: 'string', minLength: 1, description: 'The code-shaped pattern.' },
              role: { enum: ['evaluate', 'override'], description: 'evaluate (default) or override (tests).' },
              keyCase: {
                enum: ['exact', 'camelCase'],
                description: 'camelCase: the code writes manifest key new-checkout as newCheckout.',
              },
              returns: {
                enum: ['boolean', 'value', 'flag', 'details', 'boolean-details', 'bag'],
                description:
                  'What the accessor returns: boolean (default), value (a variant), flag (the flag or undefined: a lookup), details / boolean-details (an evaluation result with .value), bag (many flags).',
              },
              negated: { type: 'boolean', description: 'The accessor answers "is it off" (truthy means off).' },
              async: { type: 'boolean', description: 'The accessor returns a promise (not an instant kill switch).' },
              imports: {
                type: 'array',
                items: { type: 'string', minLength: 1 },
                description:
                  "Modules the pattern's root name must be imported from, to tell apart SDKs that share a name: a package (compared with the import text) or a project file relative to this file (any import resolving to it).",
              },
              destructuredProp: {
                type: 'boolean',
                description:
                  "For a member pattern on two names (props.flags.$KEY): the second, destructured from a component's first parameter ({ flags }), matches too.",
              },
            },
          },
        ],
      },
    },
    today: {
      type: 'string',
      pattern: '^\\d{4}-\\d{2}-\\d{2}$',
      description: 'The date policies are evaluated at (YYYY-MM-DD); FLAG_HYGIENE_TODAY and --today override it.',
    },
    policy: {
      type: 'object',
      additionalProperties: false,
      description: 'When flags become ready for removal.',
      properties: {
        releaseMaxAgeDays: {
          type: 'integer',
          minimum: 0,
          description: 'A release flag fully rolled out and older than this many days is ready for removal (30).',
        },
        unevaluatedDays: {
          type: 'integer',
          minimum: 0,
          description: 'A flag not evaluated for more than this many days is ready for removal (90).',
        },
        expiringSoonDays: {
          type: 'integer',
          minimum: 0,
          description: 'References within this many days before expiresAt are reported as expiring soon (14).',
        },
      },
    },
    findings: {
      type: 'object',
      additionalProperties: false,
      description:
        "Options that change which findings the CI gate reports, by finding code: the same options, in the same words, as the matching ESLint rules'.",
      properties: {
        'missing-fallback': {
          type: 'object',
          additionalProperties: false,
          description: "As require-flag-fallback's options.",
          properties: {
            requireElse: {
              type: 'boolean',
              description: 'Also require an else branch (or an early return) on every `if` that checks a flag (false).',
            },
            allowJsxShortCircuit: {
              type: 'boolean',
              description: 'Allow `{flag && <New />}` in JSX, where rendering nothing is a usable off path (true).',
            },
          },
        },
        dynamic: {
          type: 'object',
          additionalProperties: false,
          description: "As no-dynamic-flag-key's options.",
          properties: {
            allowInTests: { type: 'boolean', description: 'Allow dynamic keys in test files (false).' },
          },
        },
      },
    },
    include: stringList('Globs of the files to scan, relative to the config file.'),
    exclude: stringList('Globs of files never to scan.'),
    tests: stringList('Globs of test files (their references force states; they do not keep a flag alive).'),
    cacheKey: {
      type: 'string',
      description: "Written by the plugin's settings() helper (manifest hash and date) for eslint --cache; not for hand-editing.",
    },
  },
} as const;

export const DEFAULT_POLICY: Required<PolicySettings> = {
  releaseMaxAgeDays: 30,
  unevaluatedDays: 90,
  expiringSoonDays: 14,
};

export const DEFAULT_INCLUDE = ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs,vue,svelte,astro}'];
export const DEFAULT_EXCLUDE = [
  '**/node_modules/**',
  '**/dist/**',
  '**/build/**',
  '**/coverage/**',
  '**/*.d.ts',
  '**/*.d.mts',
  '**/*.d.cts',
];
export const DEFAULT_TESTS = ['**/*.{test,spec}.*', '**/__tests__/**', '**/__mocks__/**', 'test/**', 'tests/**', 'e2e/**'];
