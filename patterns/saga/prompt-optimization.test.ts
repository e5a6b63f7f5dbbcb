import { describe, expect, it } from 'vitest';
import { loadCatalog } from '#catalog/load.ts';
import { createMemoryTransport } from '#runtime/index.ts';
import { createSagaStore } from '../store/saga-store.ts';
import { createPromptOptimizationOrchestrator } from './prompt-optimization.ts';

const catalog = await loadCatalog('asyncapi/prompt-platform.yaml');
const store = createSagaStore({} as never); // never queried: construction fails first

describe('createPromptOptimizationOrchestrator', () => {
  it('refuses to start when the orchestrator agent does not receive a saga event, saying what to add', () => {
    const edited = structuredClone(catalog);
    const agent = edited.agents.find((a) => a.id === 'prompt-optimization-orchestrator')!;
    agent.receives = agent.receives.filter((t) => t !== 'Prompt.Draft.Created');
    expect(() => createPromptOptimizationOrchestrator({ catalog: edited, store, transport: createMemoryTransport(), tenantId: 't' })).toThrow(
      'prompt-optimization-orchestrator does not receive Prompt.Draft.Created; add a receive operation for it to the document and regenerate',
    );
  });

  it('builds from the generated client and from the catalog alike', () => {
    for (const options of [{}, { catalog }]) {
      expect(() => createPromptOptimizationOrchestrator({ ...options, store, transport: createMemoryTransport(), tenantId: 't' }), 'the seed covers the saga').not.toThrow();
    }
  });
});
