import { describe, expect, it } from 'vitest';
import { removeManifestEntry } from '../../src/codemod/manifest-entry.js';
import { EditList } from '../../src/codemod/text-edits.js';

describe('EditList', () => {
  it('an edit inside a range already deleted is covered by it', () => {
    const edits = new EditList();
    expect(edits.add(2, 8, '')).toBe(true);
    expect(edits.add(3, 5, 'x')).toBe(true);
    expect(edits.apply('0123456789')).toBe('0189');
  });

  it('a deletion over edits taken before replaces them', () => {
    const edits = new EditList();
    expect(edits.add(3, 5, 'x')).toBe(true);
    expect(edits.add(6, 6, 'y')).toBe(true);
    expect(edits.add(2, 8, '')).toBe(true);
    expect(edits.size).toBe(1);
    expect(edits.apply('0123456789')).toBe('0189');
  });

  it('refuses an edit that truly conflicts: a partial overlap, or a replacement over another edit', () => {
    const edits = new EditList();
    expect(edits.add(3, 5, 'x')).toBe(true);
    expect(edits.add(4, 7, '')).toBe(false);
    expect(edits.add(2, 8, 'z')).toBe(false);
    expect(edits.apply('0123456789')).toBe('012x56789');
  });

  it('follows positions through the edits, into a replacement that kept the token', () => {
    const source = 'if (on) {\n  const a = 1;\n}\nconst b = 2;\n';
    const edits = new EditList();
    edits.add(0, source.indexOf('const b') - 1, 'const a = 1;');
    const text = edits.apply(source);
    const map = edits.positionMap(source);
    expect(text.slice(map(source.indexOf('a ='))!)).toMatch(/^a = 1;/);
    expect(text.slice(map(source.indexOf('b ='))!)).toMatch(/^b = 2;/);
    expect(map(source.indexOf('on'))).toBeUndefined();
  });
});

describe('removing a manifest entry', () => {
  it('leaves `flags: {}` when the last entry goes, keeping the comment on the line', () => {
    expect(removeManifestEntry('version: 1\nflags: # every flag\n  # the old banner\n  a:\n    type: release\nother: 1\n', 'a')).toBe(
      'version: 1\nflags: {} # every flag\nother: 1\n',
    );
  });

  it('leaves an empty object in JSON', () => {
    expect(removeManifestEntry('{\n  "flags": {\n    "a": { "type": "release" }\n  }\n}\n', 'a')).toBe('{\n  "flags": {}\n}\n');
  });

  it('leaves the other entries as they were', () => {
    expect(removeManifestEntry('flags:\n  a:\n    type: release\n  b:\n    type: release\n', 'a')).toBe(
      'flags:\n  b:\n    type: release\n',
    );
  });
});
