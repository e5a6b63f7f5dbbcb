import { describe, expect, it } from 'vitest';
import { uuidV4 } from './uuid.ts';

describe('uuidV4', () => {
  it('produces RFC 9562 version-4 ids, unique across many batches', () => {
    const ids = Array.from({ length: 5000 }, () => uuidV4()); // ~5 refills of 1024
    for (const id of ids.slice(0, 600)) {
      expect(id, 'lower-case hex, version nibble 4, variant 8-b').toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(new Set(ids).size, 'no repeats, also across batch boundaries').toBe(ids.length);
  });

  it('uses all hex digits in random positions (not a constant pattern)', () => {
    const firstChars = new Set(Array.from({ length: 2000 }, () => uuidV4()[0]));
    expect(firstChars.size, 'the first character takes all 16 values').toBe(16);
  });
});
