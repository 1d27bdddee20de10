import { describe, expect, it } from 'vitest';
import { AccessorIndex, compileAccessor } from '../../src/patterns/index.js';

describe('AccessorIndex.mayMatch', () => {
  it('still works when the names are too many or too long for one regular expression', () => {
    // Settings refuse such names (compileAccessor); an accessor made some other way must not crash the scan.
    const long = 'n'.repeat(100_000);
    const accessor = { ...compileAccessor('flags.get($KEY)'), names: [long, 'get'], shapes: [] };
    const index = new AccessorIndex([accessor]);
    expect(index.mayMatch(`${long}.get('k')`)).toBe(true);
    expect(index.mayMatch("flags.get('k')")).toBe(false);
  });
});
