import { describe, expect, it } from 'vitest';
import { GLOBAL_REF, SchemaMerger } from './schemas.ts';

const tag = { type: 'object', properties: { name: { type: 'string' } } };

describe('SchemaMerger', () => {
  it('shares an identical definition between schemas', () => {
    const m = new SchemaMerger();
    m.add('A', { properties: { t: { $ref: '#/$defs/Tag' } }, $defs: { Tag: tag } });
    m.add('B', { properties: { t: { $ref: '#/$defs/Tag' } }, $defs: { Tag: tag } });
    const defs = m.merged().root.$defs as Record<string, unknown>;
    // why: one TypeScript type per shared definition, not Tag, Tag2, ...
    expect(Object.keys(defs).sort()).toEqual(['A', 'B', 'Tag']);
    expect(defs.B).toEqual({ properties: { t: { $ref: '#/$defs/Tag' } }, title: 'B' });
  });

  it('renames a different definition with the same name and rewrites its refs', () => {
    const m = new SchemaMerger();
    m.add('A', { properties: { t: { $ref: '#/$defs/Tag' } }, $defs: { Tag: tag } });
    m.add('B', { properties: { t: { $ref: '#/$defs/Tag' } }, $defs: { Tag: { type: 'string' } } });
    const defs = m.merged().root.$defs as Record<string, { properties?: { t: unknown } }>;
    // why: two events may use the same def name for different shapes; neither may be lost.
    expect(defs.Tag2).toEqual({ type: 'string', title: 'Tag2' });
    expect(defs.B!.properties!.t).toEqual({ $ref: '#/$defs/Tag2' });
  });

  it('drops definitions the schema no longer reaches and resolves global refs', () => {
    const m = new SchemaMerger();
    m.add('Payload', { type: 'object' });
    m.add('Event', { properties: { payload: { $ref: `${GLOBAL_REF}Payload` } }, $defs: { OldPayload: { type: 'object', title: 'x' } } });
    const defs = m.merged().root.$defs as Record<string, { properties?: { payload: unknown } }>;
    // why: the event's own payload def is replaced by the shared Payload type; keeping it would duplicate the type.
    expect(Object.keys(defs).sort()).toEqual(['Event', 'Payload']);
    expect(defs.Event!.properties!.payload).toEqual({ $ref: '#/$defs/Payload' });
  });

  it('follows refs transitively and keeps JSON-pointer suffixes', () => {
    const m = new SchemaMerger();
    m.add('E', { properties: { a: { $ref: '#/$defs/A' }, n: { $ref: '#/$defs/A/properties/b' } }, $defs: { A: { properties: { b: { $ref: '#/$defs/B' } } }, B: { type: 'number' } } });
    const defs = m.merged().root.$defs as Record<string, unknown>;
    // why: B is only reachable through A; a pointer into a def must still resolve after merging.
    expect(Object.keys(defs).sort()).toEqual(['A', 'B', 'E']);
    expect((defs.E as { properties: { n: unknown } }).properties.n).toEqual({ $ref: '#/$defs/A/properties/b' });
  });
});
