/**
 * renderClients' file list for agents that only send or only receive: which files each
 * gets, and the order of the whole list (by path, whatever order they are rendered in).
 */
import { describe, expect, it } from 'vitest';
import type { Catalog } from '#catalog/model.ts';
import { miniCatalog } from '#generators/fixtures/mini-catalog.ts';
import { renderClients } from './clients.ts';

/** Two agents: `sender` only sends Task.Work.Completed, `listener` only receives it. */
const oneWayCatalog = (): Catalog => {
  const mini = miniCatalog();
  return {
    ...mini,
    events: mini.events.filter((e) => e.eventType === 'Task.Work.Completed' || e.eventType === 'Platform.Event.Failed'),
    agents: [
      { id: 'sender', sends: ['Task.Work.Completed'], receives: [] },
      { id: 'listener', sends: [], receives: ['Task.Work.Completed'] },
    ],
  };
};

describe('renderClients for one-way agents', () => {
  it('gives a sender no consumer and a receiver no producer, and lists every file by path', async () => {
    const files = await renderClients(oneWayCatalog());
    // why: each entry is a real file (path and text), nothing else.
    for (const f of files) expect(typeof f.path === 'string' && typeof f.contents === 'string', JSON.stringify(f).slice(0, 80)).toBe(true);
    // why: a consumer without handlers or a producer without events would be dead code; the output
    // is sorted by path so writes and the drift check are deterministic (the renderer produces
    // types, validators, contracts, producer, consumer, index per agent, and agents by id).
    expect(files.map((f) => f.path)).toEqual([
      'listener/consumer.ts',
      'listener/contracts.ts',
      'listener/index.ts',
      'listener/types.ts',
      'listener/validators.d.ts',
      'listener/validators.js',
      'sender/contracts.ts',
      'sender/index.ts',
      'sender/producer.ts',
      'sender/types.ts',
      'sender/validators.d.ts',
      'sender/validators.js',
    ]);
  });
});
