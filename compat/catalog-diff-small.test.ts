/**
 * diffCatalogs on two small hand-built catalogs (no YAML): the exact document-change messages
 * (channel moves with and without an address, publishers, subscribers and their x-reads), the
 * level NONE, the catalog header, and which subscriber reads what when `x-reads` is absent
 * (the payload's required fields; no consumer data at all when those cannot be read off).
 */
import { describe, expect, it } from 'vitest';
import type { Catalog, EventContract, JsonSchema } from '#catalog/model.ts';
import { diffCatalogs } from './catalog-diff.ts';
import type { EventDiff, Level, Policy } from './types.ts';

const T = 'Shop.Order.Placed';
/** A bare (envelope-less) event: its wire schema is its payload schema. */
function ev(o: Partial<EventContract> & { payload?: JsonSchema } = {}): EventContract {
  const { payload = { type: 'object', required: ['id'], properties: { id: { type: 'string' }, total: { type: 'integer' } } }, ...rest } = o;
  return {
    eventType: T,
    version: '1.0.0',
    name: 'OrderPlaced',
    channel: { id: 'orders', address: 'shop.orders.v1' },
    schema: payload,
    payloadSchema: payload,
    enveloped: false,
    publishers: ['checkout'],
    subscribers: [],
    examples: [],
    schemaFormat: 'application/schema+json;version=draft-07',
    source: { file: 'x.yaml', pointer: '/components/messages/OrderPlaced', line: 12, col: 5 },
    ...rest,
  };
}
const catalog = (file: string, version: string, events: EventContract[]): Catalog => ({
  asyncapi: '3.0.0',
  title: `Shop (${file})`,
  version,
  events,
  agents: [],
  sagas: [],
  aggregates: [],
  source: { file, sha256: '0'.repeat(64) },
});
const diff = (before: EventContract[], after: EventContract[], level: Level = 'FULL_TRANSITIVE', policy: Policy = 'LENIENT') =>
  diffCatalogs(catalog('old.yaml', '1.0.0', before), catalog('new.yaml', '1.1.0', after), { level, policy });
const only = (before: EventContract, after: EventContract, level?: Level, policy?: Policy): EventDiff => {
  const d = diff([before], [after], level, policy);
  expect(d.events).toHaveLength(1);
  return d.events[0]!;
};
const docs = (e: EventDiff) => e.documentChanges.map((d) => [d.kind, d.message, d.compatible, d.bump]);

const sub = (agent: string, reads?: string[]) => ({ agent, role: 'handler', operationId: `${agent}.receive`, ...(reads ? { reads } : {}) });

describe('the catalog header and events added or removed', () => {
  it('names both documents and says what each added or removed event means', () => {
    const other = ev({ eventType: 'Shop.Order.Cancelled', version: '2.1.0' });
    const d = diff([ev(), other], [ev(), ev({ eventType: 'Shop.Cart.Emptied', version: '1.0.0' })]);
    // why: title, info.version and file of each side, for the report header
    expect(d.before).toEqual({ title: 'Shop (old.yaml)', version: '1.0.0', file: 'old.yaml' });
    expect(d.after).toEqual({ title: 'Shop (new.yaml)', version: '1.1.0', file: 'new.yaml' });
    const added = d.events.find((e) => e.eventType === 'Shop.Cart.Emptied')!;
    // why: a new contract nobody depends on yet: minor
    expect(docs(added)).toEqual([['EVENT_ADDED', 'Shop.Cart.Emptied 1.0.0 added: a new contract; nobody depends on it yet', true, 'minor']]);
    const removed = d.events.find((e) => e.eventType === 'Shop.Order.Cancelled')!;
    // why: a removed contract breaks its subscribers and stored events: major, with its last version named
    expect(docs(removed)).toEqual([
      ['EVENT_REMOVED', 'Shop.Order.Cancelled 2.1.0 removed: subscribers and stored events still use it: deprecate it first, remove it in a major release', false, 'major'],
    ]);
    expect(removed).toMatchObject({ status: 'removed', beforeVersion: '2.1.0', compatible: false, requiredBump: 'major' });
    expect(d).toMatchObject({ compatible: false, requiredBump: 'major' });
  });

  it('under level NONE a document change is never incompatible, but keeps its bump', () => {
    const d = diff([ev(), ev({ eventType: 'Shop.Order.Cancelled' })], [ev({ channel: { id: 'orders', address: 'shop.orders.v2' } })], 'NONE');
    // why: NONE checks nothing; the bump still says what the change means
    expect(d.events.map((e) => [e.eventType, e.compatible, e.requiredBump])).toEqual([
      [T, true, 'major'],
      ['Shop.Order.Cancelled', true, 'major'],
    ]);
    expect(d.events.flatMap((e) => e.documentChanges.map((c) => c.compatible))).toEqual([true, true]);
    expect(d).toMatchObject({ compatible: true, requiredBump: 'major' });
  });
});

describe('channels and publishers', () => {
  it('a moved channel is named by its address, or by its id where it has none', () => {
    const moved = only(ev(), ev({ channel: { id: 'orders2', address: 'shop.orders.v2' } }));
    // why: both sides have an address: the addresses are what subscribers listen on
    expect(docs(moved)).toEqual([[
      'EVENT_CHANNEL_CHANGED',
      `${T} moved from channel shop.orders.v1 to shop.orders.v2: subscribers listening on the old address stop receiving it: publish on both addresses until they move`,
      false,
      'major',
    ]]);
    // why: a channel without an address is named by its id
    expect(only(ev({ channel: { id: 'legacy', address: null } }), ev()).documentChanges[0]!.message).toMatch(/^Shop\.Order\.Placed moved from channel legacy to shop\.orders\.v1: /);
    expect(only(ev(), ev({ channel: { id: 'next', address: null } })).documentChanges[0]!.message).toMatch(/^Shop\.Order\.Placed moved from channel shop\.orders\.v1 to next: /);
    // why: a new channel id on the same address is no move for subscribers
    expect(only(ev(), ev({ channel: { id: 'renamed', address: 'shop.orders.v1' } })).documentChanges).toEqual([]);
  });

  it('a publisher added, one of two removed, the last one removed with and without subscribers', () => {
    // why: one more producer of the same contract
    expect(docs(only(ev(), ev({ publishers: ['checkout', 'backoffice'] })))).toEqual([['PUBLISHER_ADDED', `backoffice now publishes ${T}: one more producer of the same contract`, true, 'minor']]);
    // why: another publisher still produces it, even with subscribers
    expect(docs(only(ev({ publishers: ['checkout', 'backoffice'], subscribers: [sub('mailer')] }), ev({ subscribers: [sub('mailer')] })))).toEqual([
      ['PUBLISHER_REMOVED', `backoffice no longer publishes ${T}: another publisher still produces it`, true, 'minor'],
    ]);
    // why: nobody publishes it any more but nobody subscribes either: nobody is left waiting
    expect(docs(only(ev(), ev({ publishers: [] })))).toEqual([['PUBLISHER_REMOVED', `checkout no longer publishes ${T}: another publisher still produces it`, true, 'minor']]);
    // why: its subscriber will never receive it again: major
    const orphaned = only(ev({ subscribers: [sub('mailer')] }), ev({ publishers: [], subscribers: [sub('mailer')] }));
    expect(docs(orphaned)).toEqual([[
      'EVENT_NO_LONGER_PUBLISHED',
      `checkout no longer publishes ${T}: its subscribers will never receive it again: keep a publisher or remove the subscriptions first`,
      false,
      'major',
    ]]);
    expect(orphaned).toMatchObject({ status: 'changed', compatible: false, requiredBump: 'major' });
  });
});

describe('subscribers', () => {
  it('added and removed subscribers are named with their operation', () => {
    const e = only(ev({ subscribers: [sub('mailer')] }), ev({ subscribers: [sub('ledger')] }));
    // why: a subscriber is its agent and operation; one came, one left
    expect(docs(e)).toEqual([
      ['SUBSCRIBER_ADDED', `ledger now receives ${T} (ledger.receive): a new reader; the schema must now keep what it reads`, true, 'minor'],
      ['SUBSCRIBER_REMOVED', `mailer no longer receives ${T} (mailer.receive): a reader left`, true, 'minor'],
    ]);
  });

  it('a change of x-reads is a patch; the same reads in another order, or absent on both sides, are none', () => {
    const reads = (before: string[] | undefined, after: string[] | undefined) => only(ev({ subscribers: [sub('mailer', before)] }), ev({ subscribers: [sub('mailer', after)] }));
    // why: the fields an agent reads changed: the message shows both lists
    expect(docs(reads(['/id'], ['/id', '/total']))).toEqual([['SUBSCRIBER_READS_CHANGED', `mailer reads ["/id","/total"] of ${T} (was ["/id"]): the fields an agent reads (x-reads) changed`, true, 'patch']]);
    // why: an absent x-reads means the payload's required fields, and is said so
    expect(reads(undefined, ['/id']).documentChanges[0]!.message).toBe(`mailer reads ["/id"] of ${T} (was "required fields"): the fields an agent reads (x-reads) changed`);
    expect(reads(['/total'], undefined).documentChanges[0]!.message).toBe(`mailer reads "required fields" of ${T} (was ["/total"]): the fields an agent reads (x-reads) changed`);
    // why: x-reads is a set
    expect(reads(['/total', '/id'], ['/id', '/total'])).toMatchObject({ status: 'unchanged', documentChanges: [], requiredBump: 'none' });
    expect(reads(undefined, undefined)).toMatchObject({ status: 'unchanged', documentChanges: [], requiredBump: 'none' });
    // why: x-reads [] reads nothing; absent reads the required fields: a change both ways
    expect(reads([], undefined).documentChanges[0]!.message).toBe(`mailer reads "required fields" of ${T} (was []): the fields an agent reads (x-reads) changed`);
    expect(reads(undefined, []).documentChanges.map((c) => c.kind)).toEqual(['SUBSCRIBER_READS_CHANGED']);
  });
});

describe('who reads a field when x-reads is absent', () => {
  // total: integer → string breaks FULL both ways; id stays.
  const retyped = (payload: JsonSchema): JsonSchema => {
    const copy = structuredClone(payload) as { properties: Record<string, unknown> };
    copy.properties.total = { type: 'string' };
    return copy as JsonSchema;
  };
  const payload = (required: unknown[] | undefined): JsonSchema => ({ type: 'object', ...(required ? { required } : {}), properties: { id: { type: 'string' }, total: { type: 'integer' }, 5: { type: 'integer' } } });
  const pair = (required: unknown[] | undefined, policy: Policy, field: 'total' | '5' = 'total') => {
    const before = payload(required);
    const after = structuredClone(before) as { properties: Record<string, unknown> };
    after.properties[field] = { type: 'string' };
    return only(ev({ payload: before, subscribers: [sub('mailer')] }), ev({ payload: after as JsonSchema, subscribers: [sub('mailer')] }), 'FULL_TRANSITIVE', policy);
  };

  it('a subscriber without x-reads reads the required fields: a break elsewhere is unread', () => {
    const e = pair(['id'], 'CONSUMER_AWARE');
    // why: mailer reads only /id (required); /total is read by nobody registered
    expect(e).toMatchObject({ status: 'changed', compatible: true, requiredBump: 'minor' });
    expect(e.report?.proposal).toBeUndefined();
    const lenient = pair(['id'], 'LENIENT');
    // why: LENIENT refuses it but says nobody reads it
    expect(lenient.compatible).toBe(false);
    expect(lenient.report?.violations[0]?.changes[0]?.message).toMatch(/ \[read by no registered consumer\]$/);
  });

  it('a break of a required field is read by the subscriber without x-reads', () => {
    const e = pair(['id', 'total'], 'CONSUMER_AWARE');
    // why: /total is required, so mailer reads it
    expect(e).toMatchObject({ compatible: false, requiredBump: 'major' });
    expect(e.report?.violations[0]?.changes[0]?.message).toMatch(/ \[read by mailer \(mailer\.receive\)\]$/);
  });

  it('only string entries of required are field names', () => {
    // why: required: ["id", 5] names the field "id" only; the property "5" is read by nobody
    const e = pair(['id', 5], 'CONSUMER_AWARE', '5');
    expect(e).toMatchObject({ compatible: true, requiredBump: 'minor' });
    // why: "id" is still read, so breaking it is refused
    const id = only(
      ev({ payload: payload(['id', 5]), subscribers: [sub('mailer')] }),
      ev({ payload: { type: 'object', required: ['id', 5], properties: { id: { type: 'integer' }, total: { type: 'integer' }, 5: { type: 'integer' } } }, subscribers: [sub('mailer')] }),
      'FULL_TRANSITIVE',
      'CONSUMER_AWARE',
    );
    expect(id.compatible).toBe(false);
    expect(id.report?.violations[0]?.changes[0]?.message).toMatch(/\[read by mailer \(mailer\.receive\)\]$/);
  });

  it('without a required list nothing is known about what the subscriber reads: no consumer data, LENIENT', () => {
    const e = pair(undefined, 'CONSUMER_AWARE');
    // why: falling back to "reads nothing" would accept any break; CONSUMER_AWARE decides like LENIENT instead
    expect(e).toMatchObject({ compatible: false, requiredBump: 'major' });
    expect(e.report?.violations[0]?.changes[0]?.message).not.toMatch(/\[read by/);
    expect(e.report).not.toHaveProperty('consumerImpact');
  });

  it('a boolean payload schema has no required fields either', () => {
    const before = ev({ payload: true, subscribers: [sub('mailer')], schema: { type: 'object', properties: { total: { type: 'integer' } } } });
    const after = ev({ payload: true, subscribers: [sub('mailer')], schema: { type: 'object', properties: { total: { type: 'string' } } } });
    const e = only(before, after, 'FULL_TRANSITIVE', 'CONSUMER_AWARE');
    // why: no consumer data: the break stands, unannotated
    expect(e.compatible).toBe(false);
    expect(e.report).not.toHaveProperty('consumerImpact');
  });

  it('a subscriber with x-reads needs no required list', () => {
    const before = payload(undefined);
    const e = only(ev({ payload: before, subscribers: [sub('mailer', ['/id'])] }), ev({ payload: retyped(before), subscribers: [sub('mailer', ['/id'])] }), 'FULL_TRANSITIVE', 'CONSUMER_AWARE');
    // why: mailer declares it reads /id only: the /total break is unread
    expect(e).toMatchObject({ compatible: true, requiredBump: 'minor' });
  });
});
