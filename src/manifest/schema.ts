/** The manifest's JSON Schema: validation here, and schema/flag-manifest.schema.json for editors. */
export const FLAG_TYPES = ['release', 'operational', 'experiment', 'permission'] as const;
export type FlagType = (typeof FLAG_TYPES)[number];

const date = (description: string) => ({
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: `${description} (YYYY-MM-DD).`,
});

export const MANIFEST_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://unpkg.com/eslint-plugin-flag-hygiene/schema/flag-manifest.schema.json',
  title: 'Feature-flag manifest',
  description: 'Every feature flag of a codebase with its type, owner and lifecycle (eslint-plugin-flag-hygiene).',
  type: 'object',
  additionalProperties: false,
  required: ['flags'],
  properties: {
    $schema: { type: 'string', description: 'The JSON schema of this file, for editors.' },
    flags: {
      type: 'object',
      description: 'The flags, by key.',
      additionalProperties: { $ref: '#/definitions/flag' },
    },
  },
  definitions: {
    flag: {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'owner', 'createdAt'],
      properties: {
        type: {
          enum: [...FLAG_TYPES],
          description:
            'release (temporary: remove after full rollout), operational (long-lived kill switch or tuning), experiment (temporary: remove when it concludes), permission (long-lived entitlement).',
        },
        owner: { type: 'string', minLength: 1, description: 'Who is responsible for cleaning the flag up.' },
        createdAt: date('When the flag was created'),
        expiresAt: date('When the flag should be gone; required for release and experiment flags'),
        createdBy: { type: 'string', description: 'Who created the flag.' },
        ticket: { type: 'string', description: 'The cleanup ticket, e.g. PAY-123.' },
        description: { type: 'string', description: 'What the flag does.' },
        enabled: { type: 'boolean', description: 'Whether the flag is on at all (false: off for everyone).' },
        rolloutPercentage: { type: 'number', minimum: 0, maximum: 100, description: 'Share of units that get the flag, 0..100.' },
        targetSegments: {
          type: 'array',
          items: { type: 'string', minLength: 1 },
          description: 'When non-empty, only these segments can get the flag.',
        },
        killSwitch: { type: 'boolean', description: 'When true the flag is off, whatever else it says.' },
        lastEvaluated: date('When the flag was last evaluated in production'),
      },
      allOf: [
        { if: { properties: { type: { const: 'release' } }, required: ['type'] }, then: { required: ['expiresAt'] } },
        { if: { properties: { type: { const: 'experiment' } }, required: ['type'] }, then: { required: ['expiresAt'] } },
      ],
    },
  },
} as const;
