import type { ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import { phrase, selectErrors } from './schema-errors.ts';

const error = (instancePath: string, keyword: string, params: Record<string, unknown> = {}, message = 'is invalid'): ErrorObject =>
  ({ instancePath, keyword, params, message, schemaPath: '#' }) as ErrorObject;

const cases: { why: string; errors: ErrorObject[]; expected: string[] }[] = [
  {
    why: 'the Reference Object alternative of a oneOf is noise: its required $ref and the oneOf summary go',
    errors: [error('/channels/c/messages/m', 'required', { missingProperty: '$ref' }), error('/channels/c/messages/m', 'additionalProperties', { additionalProperty: 'sumary' }), error('/channels/c/messages/m', 'oneOf')],
    expected: ['channels/c/messages/m/sumary additionalProperties'],
  },
  {
    why: 'an if/then summary above a deeper cause is dropped in favour of the cause',
    errors: [error('/components/messages/m/bindings/kafka/key/type', 'enum', { allowedValues: ['string'] }), error('/components/messages/m/bindings/kafka', 'if')],
    expected: ['components/messages/m/bindings/kafka/key/type enum'],
  },
  {
    why: 'independent mistakes in different places are all kept',
    errors: [error('/info', 'required', { missingProperty: 'version' }), error('/operations/o/action', 'enum', { allowedValues: ['send', 'receive'] })],
    expected: ['info required', 'operations/o/action enum'],
  },
  {
    why: 'when only combinator errors exist, the deepest of them is kept rather than nothing',
    errors: [error('/components/schemas/s', 'anyOf'), error('', 'oneOf')],
    expected: ['components/schemas/s anyOf'],
  },
];

describe('selectErrors', () => {
  it.each(cases)('$why', ({ errors, expected }) => {
    expect(selectErrors(errors).map((e) => `${e.path.join('/')} ${e.error.keyword}`)).toEqual(expected);
  });
});

describe('phrase', () => {
  it('names the property, lists allowed values and suggests the nearest one', () => {
    const found = phrase(error('/operations/o/action', 'enum', { allowedValues: ['send', 'receive'] }), ['operations', 'o', 'action'], 'recieve');
    expect(found.message).toBe('"action" property must be equal to one of the allowed values: "send", "receive"');
    expect(found.hint, 'a typo gets a suggestion').toContain('did you mean receive?');
  });

  it('says "Referencing in this place is not allowed" for a misplaced $ref, as the parser does', () => {
    expect(phrase(error('/info', 'additionalProperties', { additionalProperty: '$ref' }), ['info']).message).toBe('Referencing in this place is not allowed');
  });
});
