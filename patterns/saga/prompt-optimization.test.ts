import { describe, expect, it } from 'vitest';
import { loadCatalog } from '#catalog/load.ts';
import { createMemoryTransport } from '#runtime/index.ts';
import { createSagaStore } from '../store/saga-store.ts';
import * as orchestratorClient from '../../generated/prompt-optimization-orchestrator/contracts.ts';
import { promptOptimizationSaga } from '../../generated/patterns/prompt-optimization-saga.ts';
import { catalogContracts } from '../catalog-contracts.ts';
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
    // Both sources hold the same contracts, and they cover every event the saga emits and consumes.
    const agent = catalog.agents.find((a) => a.id === promptOptimizationSaga.orchestrator)!;
    const ids = (contracts: readonly { eventType: string; version: string }[]) => contracts.map((c) => `${c.eventType}@${c.version}`).sort();
    const types = (contracts: readonly { eventType: string }[]) => new Set(contracts.map((c) => c.eventType));
    expect(ids(catalogContracts(catalog, agent.sends)), 'the generated client sends what the document says').toEqual(ids(orchestratorClient.sends));
    expect(ids(catalogContracts(catalog, agent.receives)), 'and receives what it says').toEqual(ids(orchestratorClient.receives));
    const needed = [...promptOptimizationSaga.emits, promptOptimizationSaga.failureEvent!];
    expect(needed.filter((t) => !types(orchestratorClient.sends).has(t)), 'the seed covers every event the saga sends').toEqual([]);
    expect(promptOptimizationSaga.consumes.filter((t) => !types(orchestratorClient.receives).has(t)), 'and every event it consumes').toEqual([]);
    for (const options of [{}, { catalog }]) {
      const orchestrator = createPromptOptimizationOrchestrator({ ...options, store, transport: createMemoryTransport(), tenantId: 't' });
      expect(Object.keys(orchestrator).sort(), 'a complete orchestrator').toEqual(['checkTimeouts', 'flushOutbox', 'handle', 'start', 'state', 'stop']);
    }
  });
});
