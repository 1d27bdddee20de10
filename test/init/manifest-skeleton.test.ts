import { describe, expect, it } from 'vitest';
import { mergeIntoManifest } from '../../src/init/manifest-skeleton.js';

/* Adding flags to a manifest as text: the user's bytes stay, the new entries go where YAML reads them under `flags`. */

const NEW = [{ key: 'beta', createdAt: '2026-02-03' }];
const BETA = [
  '  beta:',
  '    # TODO type: release | operational | experiment | permission',
  '    # TODO owner: the team that cleans it up',
  '    createdAt: 2026-02-03',
  '    # TODO expiresAt: YYYY-MM-DD (release and experiment flags)',
];

describe('mergeIntoManifest', () => {
  it('fills an empty `flags:`', () => {
    expect(mergeIntoManifest('flags.yaml', 'flags:\nversion: 1\n', NEW)).toEqual({
      kind: 'merged',
      text: ['flags:', ...BETA, 'version: 1', ''].join('\n'),
      added: ['beta'],
    });
  });

  it('turns `flags: {}` into a block with the entries', () => {
    expect(mergeIntoManifest('flags.yaml', 'flags: {}\n', NEW)).toEqual({
      kind: 'merged',
      text: ['flags:', ...BETA, ''].join('\n'),
      added: ['beta'],
    });
  });

  it('appends after the last entry, keeping its TODO comments with it, in a file without a final newline', () => {
    const text = 'flags:\n  alpha: {}\n    # TODO owner: x';
    expect(mergeIntoManifest('flags.yaml', text, NEW)).toEqual({ kind: 'merged', text: `${text}\n${BETA.join('\n')}\n`, added: ['beta'] });
  });

  it('adds a `flags:` map to a file without one', () => {
    expect(mergeIntoManifest('flags.yaml', '# nothing yet\n', NEW)).toEqual({
      kind: 'merged',
      text: ['# nothing yet', 'flags:', ...BETA, ''].join('\n'),
      added: ['beta'],
    });
  });

  it('changes nothing when every key is declared', () => {
    const text = 'flags:\n  beta:\n    owner: web\n';
    expect(mergeIntoManifest('flags.yaml', text, NEW)).toEqual({ kind: 'merged', text, added: [] });
  });

  it('leaves alone what it cannot extend without rewriting it', () => {
    expect(mergeIntoManifest('flags.yaml', 'flags: { alpha: { owner: web } }\n', NEW)).toEqual({
      kind: 'left-alone',
      reason: '"flags" is written as a flow map {…}',
    });
    expect(mergeIntoManifest('flags.json', '{ "flags": { "alpha": { "owner": "web" } } }\n', NEW)).toEqual({
      kind: 'left-alone',
      reason: 'it is JSON, which init does not rewrite',
    });
    expect(
      mergeIntoManifest('flags.yaml', 'flags:\n  alpha:\n    state: ENABLED\n    variants: { on: true }\n    defaultVariant: "on"\n', NEW),
    ).toEqual({
      kind: 'left-alone',
      reason: 'it is flagd flag definitions',
    });
  });

  it('a YAML syntax error is a user error naming the file and position', () => {
    expect(() => mergeIntoManifest('flags.yaml', 'flags:\n  alpha: [\n', NEW)).toThrow(/^flags\.yaml:\d+:\d+: /);
  });
});
