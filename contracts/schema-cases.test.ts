/**
 * schema-cases.ts derives each case's verdict from the schema's keywords. Here those verdicts
 * are checked, case by case over every contract of the seed document, against Ajv (an
 * independent JSON Schema implementation, configured as catalogDelivery is): a wrong
 * derivation would otherwise make the consumer tests demand the wrong thing.
 */
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { useRfc3339Formats } from '#catalog/string-formats.ts';
import type { EventContract } from '#catalog/model.ts';
import { schemaCases } from './schema-cases.ts';
import { loadCatalogCached } from './seed.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

describe('schema-derived consumer cases', () => {
  it('give, for every contract of the seed, the verdict Ajv gives', async () => {
    const catalog = await loadCatalogCached();
    const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
    useRfc3339Formats(ajv);
    const disagreements: string[] = [];
    let valid = 0;
    let invalid = 0;
    for (const contract of catalog.events) {
      const validate = ajv.compile(contract.schema as object);
      for (const c of schemaCases(contract)) {
        if (c.valid) valid++;
        else invalid++;
        if (validate(c.event) !== c.valid) disagreements.push(`${contract.eventType} ${contract.version}: ${c.description} (derived ${c.valid})`);
      }
    }
    expect(disagreements).toEqual([]);
    // Enough of both kinds to judge a consumer: the seed yields hundreds of each.
    expect(valid, 'valid cases (examples, boundaries, enum values, open models)').toBeGreaterThan(100);
    expect(invalid, 'invalid cases (missing, wrong type, beyond a bound, outside an enum)').toBeGreaterThan(500);
  });

  it('derives boundary values from the keywords, on a small contract', () => {
    const schema = {
      type: 'object',
      required: ['eventType', 'version', 'payload'],
      properties: {
        eventType: { const: 'A.B.C' },
        version: { type: 'string' },
        payload: {
          type: 'object',
          additionalProperties: false,
          required: ['name'],
          properties: { name: { type: 'string', minLength: 2, maxLength: 4 }, n: { type: 'integer', minimum: 0, exclusiveMaximum: 10 }, kind: { enum: ['x', 'y'] } },
        },
      },
    };
    const example = { eventType: 'A.B.C', version: '1.0.0', payload: { name: 'abc', n: 3, kind: 'x' } };
    const contract = { eventType: 'A.B.C', version: '1.0.0', schema, enveloped: true, examples: [example] } as unknown as EventContract;
    const cases = schemaCases(contract).map((c) => [c.description, c.valid, (c.event.payload as Record<string, unknown>) ?? null]);
    expect(cases).toEqual([
      ["the contract's example 1", true, example.payload],
      ['the event with an undeclared field (open content model)', true, example.payload],
      ['without the required /payload/name', false, { n: 3, kind: 'x' }],
      ['/payload/name of the wrong type', false, { name: 12345, n: 3, kind: 'x' }],
      ['/payload/name at minLength 2', true, { name: 'aa', n: 3, kind: 'x' }],
      ['/payload/name one below minLength 2', false, { name: 'a', n: 3, kind: 'x' }],
      ['/payload/name at maxLength 4', true, { name: 'aaaa', n: 3, kind: 'x' }],
      ['/payload/name one above maxLength 4', false, { name: 'aaaaa', n: 3, kind: 'x' }],
      ['/payload/n of the wrong type', false, { name: 'abc', n: 'not-a-integer', kind: 'x' }],
      ['/payload/n at minimum 0', true, { name: 'abc', n: 0, kind: 'x' }],
      ['/payload/n just beyond minimum 0', false, { name: 'abc', n: -1, kind: 'x' }],
      ['/payload/n at exclusiveMaximum 10', false, { name: 'abc', n: 10, kind: 'x' }],
      ['/payload/n just inside exclusiveMaximum 10', true, { name: 'abc', n: 9, kind: 'x' }],
      ['/payload/kind of the wrong type', false, { name: 'abc', n: 3, kind: 12345 }],
      ['/payload/kind = "x" (an enum value)', true, { name: 'abc', n: 3, kind: 'x' }],
      ['/payload/kind = "y" (an enum value)', true, { name: 'abc', n: 3, kind: 'y' }],
      ['/payload/kind outside the enum', false, { name: 'abc', n: 3, kind: '§not-in-enum§' }],
      ['/payload with an undeclared field (closed content model)', false, { name: 'abc', n: 3, kind: 'x', zzUndeclaredField: 'x' }],
    ]);
  });
});
