/**
 * Keys of a document are data (issue #18): a property called `__proto__`, `constructor` or
 * `valueOf` survives the catalog's copies and lookups as an own key, and no inherited member
 * of `Object.prototype` is ever found where the document declares nothing.
 */
import { describe, expect, it } from 'vitest';
import { getAtPointer } from '#shared/json-pointer.ts';
import { anchorRefs } from './bundle.ts';
import { schemaAtDataPointer } from './schema-path.ts';

const parsed = (text: string) => JSON.parse(text) as Record<string, unknown>;

describe('prototype names in documents', () => {
  it('anchorRefs copies a "__proto__" property as an own key (an assignment would replace the prototype)', () => {
    const copy = anchorRefs(parsed('{"type":"object","properties":{"__proto__":{"$ref":"#/$defs/T"}}}'), '/doc.yaml') as { properties: object };
    expect(Object.keys(copy.properties), 'still declared').toEqual(['__proto__']);
    expect(Object.getPrototypeOf(copy.properties), 'the prototype is untouched').toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(copy.properties, '__proto__')?.value, 'and its $ref is anchored').toEqual({ $ref: '/doc.yaml#/$defs/T' });
  });

  it('a data pointer finds declared prototype names and not inherited ones', () => {
    const schema = parsed('{"type":"object","properties":{"constructor":{"type":"string"}},"required":["constructor"]}');
    expect(schemaAtDataPointer(schema, '/constructor'), 'declared: found and required').toEqual({ found: true, required: true });
    expect(schemaAtDataPointer(schema, '/valueOf'), 'not declared: missing, whatever Object.prototype has').toEqual({ found: false, required: false, missing: 'valueOf' });
  });

  it('getAtPointer reads own properties only', () => {
    expect(getAtPointer({}, '/constructor'), 'no inherited member').toBeUndefined();
    expect(getAtPointer(parsed('{"__proto__":{"a":1}}'), '/__proto__/a'), 'an own "__proto__" key is followed').toBe(1);
  });
});
