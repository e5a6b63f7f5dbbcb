import { describe, expect, it } from 'vitest';
import { planPacts } from './plan.ts';
import { readSetOf, isRead, ReadSetError } from './read-set.ts';
import { fixtureCatalog, promptCreationRequested } from './testing/fixture-catalog.ts';

const event = promptCreationRequested();
const subscriber = (agent: string) => event.subscribers.find((s) => s.agent === agent)!;
const plans = planPacts(fixtureCatalog());
const bodyOf = (consumer: string) => plans.find((p) => p.consumer === consumer)!.interactions[0]!.body as Record<string, any>;

describe('read sets', () => {
  it.each([
    { agent: 'ui-ux-designer', payload: ['/deadline', '/priority'], origin: 'x-reads', why: 'x-reads is taken as declared (sorted)' },
    { agent: 'observability-engineer', payload: ['/priority', '/requirements'], origin: 'required-fields', why: 'no x-reads means the payload required fields' },
  ])('$agent reads $payload ($why)', ({ agent, payload, origin }) => {
    const set = readSetOf(event, subscriber(agent));
    expect(set.payload, 'payload pointers').toEqual(payload);
    expect(set.origin, 'where the read set came from').toBe(origin);
    expect(set.envelope, 'envelope fields are always read, nested metadata included').toEqual([
      '/causationId', '/correlationId', '/eventId', '/eventType', '/metadata/source', '/metadata/tenantId', '/timestamp', '/version',
    ]);
  });

  it('rejects an x-reads pointer that names no payload field, saying which agent and pointer', () => {
    const bad = { ...subscriber('ui-ux-designer'), reads: ['/priorty'] };
    expect(() => readSetOf(event, bad)).toThrow(ReadSetError);
    expect(() => readSetOf(event, bad)).toThrow(/ui-ux-designer.*"\/priorty"/);
  });

  it.each([
    { agent: 'domain-modeller', pointer: '/requirements', read: true, why: 'removing the parent object removes a read child' },
    { agent: 'domain-modeller', pointer: '/requirements/targetModel', read: false, why: 'a sibling of read children is unread' },
    { agent: 'prompt-engineering-specialist', pointer: '/requirements/targetModel', read: true, why: 'inside an object read whole' },
    { agent: 'prompt-engineering-specialist', pointer: '/tags/0/name', read: true, why: 'array indexes normalise to any item' },
    { agent: 'ui-ux-designer', pointer: '/attempts', read: false, why: 'not in the read set' },
  ])('$agent: isRead($pointer) = $read ($why)', ({ agent, pointer, read }) => {
    expect(isRead(readSetOf(event, subscriber(agent)), pointer)).toBe(read);
  });
});

describe('pact bodies', () => {
  it('leaves unread payload fields out entirely, so the provider may change them', () => {
    expect(Object.keys(bodyOf('ui-ux-designer').payload), 'ui reads only priority and deadline').toEqual(['deadline', 'priority']);
    expect(Object.keys(bodyOf('domain-modeller').payload.requirements), 'only the read children of requirements').toEqual(['context', 'description']);
  });

  it('gives the envelope the four fixed regexes', () => {
    const body = bodyOf('ui-ux-designer');
    expect(body.eventId['pact:matcher:type'], 'eventId is regex-matched').toBe('regex');
    expect(new RegExp(body.eventId.regex).test('6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b'), 'a v4 UUID matches').toBe(true);
    expect(new RegExp(body.eventId.regex).test('6f1c2a3b-4d5e-1f60-8a7b-9c0d1e2f3a4b'), 'a v1 UUID does not').toBe(false);
    expect(new RegExp(body.eventType.regex).test('Prompt.Creation.Requested'), 'Domain.Entity.Action').toBe(true);
    expect(new RegExp(body.eventType.regex).test('prompt.created'), 'two lower-case parts are not an event type').toBe(false);
    expect(new RegExp(body.timestamp.regex).test('2026-01-01T10:00:00.123Z'), 'UTC timestamp').toBe(true);
    expect(new RegExp(body.timestamp.regex).test('2026-01-01T10:00:00+02:00'), 'an offset is not UTC').toBe(false);
    expect(new RegExp(body.version.regex).test('1.7.3'), 'same major, any minor/patch').toBe(true);
    expect(new RegExp(body.version.regex).test('2.0.0'), 'another major is another contract').toBe(false);
  });

  it.each([
    { path: ['payload', 'priority'], type: 'regex', why: 'an enum becomes an anchored alternation' },
    { path: ['payload', 'deadline'], type: 'regex', why: 'date-time format becomes a timestamp regex' },
    { path: ['payload', 'requirements', 'description'], type: 'type', why: 'a plain string is type-matched' },
    { path: ['payload', 'requirements', 'constraints'], type: 'type', why: 'a free-form object only promises "an object"' },
    { path: ['payload', 'tags'], type: 'type', why: 'arrays are eachLike (type with min)' },
  ])('prompt-engineering-specialist $path: $type ($why)', ({ path, type }) => {
    let node: any = bodyOf('prompt-engineering-specialist');
    for (const p of path) node = node[p];
    expect(node['pact:matcher:type']).toBe(type);
  });

  it('builds eachLike from minItems and the example item, with the item read whole', () => {
    const tags = bodyOf('prompt-engineering-specialist').payload.tags;
    expect(tags.min, 'minItems 1 is kept as the minimum').toBe(1);
    expect(Object.keys(tags.value[0]), 'required name and example-present weight').toEqual(['name', 'weight']);
    expect(tags.value[0].weight['pact:matcher:type'], 'number matcher from type: number').toBe('number');
  });

  it('is deterministic: planning twice gives identical JSON', () => {
    expect(JSON.stringify(planPacts(fixtureCatalog()))).toBe(JSON.stringify(plans));
  });
});
