import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRegistry, type TestRegistry } from './testing/harness.ts';

// 50 writers race on one subject. Each adds its own optional field to the same base, so
// every candidate is compatible with the others under LENIENT; the per-subject lock
// must hand out unique positions and versions, lose none, and give each racer either
// success or a clean 409.
describe('50 concurrent registrations on one subject', () => {
  let r: TestRegistry;
  beforeAll(async () => {
    r = await openTestRegistry();
  }, 180_000);
  afterAll(async () => r.close());

  it('gives unique versions, loses none, and answers only 200 or 409', async () => {
    const S = 'Race.Subject.Written';
    const base = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] };
    await r.call('POST', `/subjects/${S}/versions`, { body: { schemaType: 'JSON', schema: JSON.stringify(base) } });
    const racers = Array.from({ length: 50 }, (_, i) => ({
      ...base,
      properties: { ...base.properties, [`field${i}`]: { type: 'string' } },
    }));
    const results = await Promise.all(
      racers.map((schema) => r.call('POST', `/subjects/${S}/versions`, { body: { schemaType: 'JSON', schema: JSON.stringify(schema) }, token: r.tokens.publish })),
    );
    const statuses = results.map((x) => x.status);
    expect(statuses.every((s) => s === 200 || s === 409), `only success or a clean conflict: ${[...new Set(statuses)]}`).toBe(true);
    for (const conflict of results.filter((x) => x.status === 409)) expect(conflict.json.error_code).toBe(40901);
    const won = results.filter((x) => x.status === 200).map((x) => x.json.version as number);
    expect(new Set(won).size, 'every winner got its own position').toBe(won.length);
    const stored = await r.call('GET', `/v1/events/${S}/versions`);
    const versions = stored.json.versions as Array<{ version: string; position: number }>;
    expect(versions.length, 'every winner (and the base) is stored: none lost').toBe(won.length + 1);
    expect(new Set(versions.map((v) => v.version)).size, 'semver versions are unique').toBe(versions.length);
    expect(versions.map((v) => v.position).sort((a, b) => a - b), 'positions are gap-free 1..n').toEqual(versions.map((_, i) => i + 1));
    expect(won.length, 'compatible racers all succeed once serialised').toBeGreaterThan(0);
  });
});
