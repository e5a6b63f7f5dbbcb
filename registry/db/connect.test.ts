import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from './connect.ts';

describe('connect (PGlite data directory)', () => {
  let root: string | undefined;
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('creates a missing nested data directory, as `npm start` needs on a fresh checkout (.evc/data)', async () => {
    root = await mkdtemp(path.join(tmpdir(), 'evc-connect-'));
    const conn = await connect({ dataDir: path.join(root, '.evc', 'data') });
    try {
      const result = await conn.db.execute('select 1 as one');
      // why: the database opened and answers; before the fix PGlite failed with ENOENT on mkdir.
      expect(JSON.stringify(result)).toContain('"one":1');
    } finally {
      await conn.close();
    }
  }, 120_000);
});
