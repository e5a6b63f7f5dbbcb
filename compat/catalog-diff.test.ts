/**
 * diffCatalogs over the seed document: the seed against itself, then against edited
 * copies of its catalog (events removed and added, publishers and subscribers changed,
 * a channel moved, a payload changed), each with its verdict and required bump.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog, EventContract } from '#catalog/model.ts';
import { loadCatalog } from '#catalog/load.ts';
import { repoRoot } from '#test/support/conformance.ts';
import { diffCatalogs } from './catalog-diff.ts';

let seed: Catalog;
beforeAll(async () => {
  seed = await loadCatalog(path.join(repoRoot, 'asyncapi/prompt-platform.yaml'));
});

const options = { level: 'FULL_TRANSITIVE', policy: 'LENIENT' } as const;
const edit = (change: (c: Catalog) => void): Catalog => {
  const copy = structuredClone(seed);
  change(copy);
  return copy;
};
const event = (c: Catalog, type: string): EventContract => {
  const found = c.events.find((e) => e.eventType === type);
  if (!found) throw new Error(`the seed has no ${type}`);
  return found;
};
/** The event's payload schema inside its self-contained wire schema (a `$defs` entry or inline). */
function payloadOf(e: EventContract): Record<string, unknown> {
  const schema = e.schema as Record<string, unknown>;
  const defs = (schema.$defs ?? {}) as Record<string, Record<string, unknown>>;
  const payload = (schema.properties as Record<string, Record<string, unknown>> | undefined)?.payload;
  const ref = payload?.$ref as string | undefined;
  if (ref?.startsWith('#/$defs/')) return defs[ref.slice('#/$defs/'.length)]!;
  throw new Error(`unexpected payload schema shape for ${e.eventType}: ${JSON.stringify(payload).slice(0, 120)}`);
}

describe('diffCatalogs on the seed', () => {
  it('the seed against itself: 19 unchanged events, compatible, no release needed', () => {
    const diff = diffCatalogs(seed, structuredClone(seed), options);
    expect(diff.events).toHaveLength(19);
    expect(diff.events.every((e) => e.status === 'unchanged')).toBe(true);
    expect(diff).toMatchObject({ compatible: true, requiredBump: 'none' });
  });

  it('a removed event breaks its subscribers: major', () => {
    const diff = diffCatalogs(seed, edit((c) => void (c.events = c.events.filter((e) => e.eventType !== 'Prompt.Lifecycle.Archived'))), options);
    const removed = diff.events.find((e) => e.eventType === 'Prompt.Lifecycle.Archived');
    expect(removed).toMatchObject({ status: 'removed', compatible: false, requiredBump: 'major' });
    expect(diff.compatible).toBe(false);
  });

  it('an added event is a minor, compatible change', () => {
    const after = edit((c) => c.events.push({ ...structuredClone(event(c, 'Prompt.Lifecycle.Archived')), eventType: 'Prompt.Lifecycle.Restored' }));
    const diff = diffCatalogs(seed, after, options);
    expect(diff.events.find((e) => e.eventType === 'Prompt.Lifecycle.Restored')).toMatchObject({ status: 'added', compatible: true, requiredBump: 'minor' });
    expect(diff).toMatchObject({ compatible: true, requiredBump: 'minor' });
  });

  it('publisher and subscriber changes are reported with their bump', () => {
    const target = 'Evaluation.Execution.Requested';
    const after = edit((c) => {
      const e = event(c, target);
      e.publishers = [...e.publishers, 'audit-agent'];
      e.subscribers = e.subscribers.slice(1);
    });
    const diff = diffCatalogs(seed, after, options);
    const e = diff.events.find((x) => x.eventType === target)!;
    expect(e.documentChanges.map((d) => d.kind).sort()).toEqual(['PUBLISHER_ADDED', 'SUBSCRIBER_REMOVED']);
    expect(e).toMatchObject({ status: 'changed', compatible: true, requiredBump: 'minor' });
  });

  it('removing the only publisher of an event that has subscribers is a major', () => {
    const target = event(seed, 'Workflow.Execution.Started');
    expect(target.subscribers.length, 'the seed event has subscribers').toBeGreaterThan(0);
    const diff = diffCatalogs(seed, edit((c) => void (event(c, target.eventType).publishers = [])), options);
    const e = diff.events.find((x) => x.eventType === target.eventType)!;
    expect(e.documentChanges.map((d) => d.kind)).toContain('EVENT_NO_LONGER_PUBLISHED');
    expect(e).toMatchObject({ compatible: false, requiredBump: 'major' });
  });

  it('moving an event to another channel address is a major', () => {
    const diff = diffCatalogs(seed, edit((c) => void (event(c, 'Prompt.Draft.Created').channel.address = 'prompts.drafts.v2')), options);
    expect(diff.events.find((x) => x.eventType === 'Prompt.Draft.Created')?.documentChanges.map((d) => d.kind)).toEqual(['EVENT_CHANNEL_CHANGED']);
    expect(diff.compatible).toBe(false);
  });

  it('a payload change gets a schema report with pointers into the wire schema', () => {
    const type = 'Prompt.Creation.Requested';
    const optional = edit((c) => {
      const p = payloadOf(event(c, type));
      p.properties = { ...(p.properties as object), tags: { type: 'array', items: { type: 'string' } } };
    });
    const minor = diffCatalogs(seed, optional, options).events.find((x) => x.eventType === type)!;
    expect(minor, 'an optional field is compatible under LENIENT').toMatchObject({ status: 'changed', compatible: true, requiredBump: 'minor' });
    expect(minor.report?.changes.map((c) => c.kind)).toEqual(['OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL']);
    expect(minor.report?.suggestedVersion).toBe('1.1.0');

    const strict = diffCatalogs(seed, optional, { level: 'FULL_TRANSITIVE', policy: 'STRICT' }).events.find((x) => x.eventType === type)!;
    expect(strict.compatible, 'STRICT: old data may carry "tags" with any value').toBe(false);

    const required = edit((c) => {
      const p = payloadOf(event(c, type));
      p.properties = { ...(p.properties as object), tags: { type: 'array', items: { type: 'string' } } };
      p.required = [...(p.required as string[]), 'tags'];
    });
    const major = diffCatalogs(seed, required, options).events.find((x) => x.eventType === type)!;
    expect(major).toMatchObject({ compatible: false, requiredBump: 'major' });
    expect(major.report?.suggestedVersion).toBe('2.0.0');

    const bumped = edit((c) => {
      const e = event(c, type);
      const p = payloadOf(e);
      p.properties = { ...(p.properties as object), tags: { type: 'array', items: { type: 'string' } } };
      p.required = [...(p.required as string[]), 'tags'];
      e.version = '2.0.0';
    });
    const newLine = diffCatalogs(seed, bumped, options).events.find((x) => x.eventType === type)!;
    expect(newLine.compatible, 'x-version 2.0.0 starts a new major line').toBe(true);
    expect(newLine.report?.proposal).toMatchObject({ version: '2.0.0', acceptable: true });
  });

  it('names the subscribers a breaking change affects; CONSUMER_AWARE accepts a break nobody reads', () => {
    const type = 'Prompt.Draft.Created';
    const readers = event(seed, type).subscribers.flatMap((s) => s.reads ?? []);
    expect(readers, 'no subscriber reads /template in the seed').not.toContain('/template');
    expect(readers, 'ui-ux-designer reads /title').toContain('/title');
    const unreadBreak = edit((c) => {
      const p = payloadOf(event(c, type));
      p.properties = { ...(p.properties as object), template: { type: 'integer' } };
    });
    const lenient = diffCatalogs(seed, unreadBreak, options).events.find((x) => x.eventType === type)!;
    expect(lenient.compatible, 'LENIENT does not look at readers').toBe(false);
    expect(lenient.report?.violations[0]?.changes[0]?.message).toMatch(/\[read by no registered consumer\]/);
    const aware = diffCatalogs(seed, unreadBreak, { level: 'FULL_TRANSITIVE', policy: 'CONSUMER_AWARE' }).events.find((x) => x.eventType === type)!;
    expect(aware, 'nobody reads /template: accepted as a minor').toMatchObject({ compatible: true, requiredBump: 'minor' });

    const readBreak = edit((c) => {
      const p = payloadOf(event(c, type));
      p.properties = { ...(p.properties as object), title: { type: 'string', minLength: 1, maxLength: 100 } };
    });
    const broken = diffCatalogs(seed, readBreak, { level: 'FULL_TRANSITIVE', policy: 'CONSUMER_AWARE' }).events.find((x) => x.eventType === type)!;
    expect(broken.compatible, 'ui-ux-designer reads /title').toBe(false);
    expect(broken.report?.violations.flatMap((v) => v.changes.map((c) => c.message)).join('\n')).toMatch(/read by ui-ux-designer/);
  });
});
