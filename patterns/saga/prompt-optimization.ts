/**
 * The seed's PromptOptimizationSaga wired up: the generated definition, one typed payload
 * builder per emitted event (the generated `PromptOptimizationSagaBuilders` mapped type makes
 * a missing one a compile error), and a factory that builds the orchestrator from a catalog.
 */
import type { Catalog } from '#catalog/model.ts';
import type { ContractData, RetryPolicy, Transport } from '#runtime/index.ts';
import * as orchestratorClient from '../../generated/prompt-optimization-orchestrator/contracts.ts';
import {
  promptOptimizationSaga,
  type PromptOptimizationSagaBuilders,
  type PromptOptimizationSagaPayloads,
} from '../../generated/patterns/prompt-optimization-saga.ts';
import { catalogContracts } from '../catalog-contracts.ts';
import type { SagaStore } from '../store/saga-store.ts';
import { createSagaDecider, type SagaPayloadBuilder } from './decide.ts';
import { createSagaOrchestrator, type SagaOrchestrator, type SagaOrchestratorOptions } from './orchestrator.ts';
import type { SagaDefinition } from './types.ts';

type Evaluation = PromptOptimizationSagaPayloads['Evaluation.Execution.Requested'];

/** What the orchestrator asks for: the evaluation and optimization settings of the platform. */
export interface OptimizationPlan {
  testCases: Evaluation['testCases'];
  metrics: Evaluation['metrics'];
  defaultModel: string;
  config: Evaluation['config'];
  /** Score each metric's optimization aims for. */
  target: number;
  maxIterations: number;
}

export const defaultOptimizationPlan: OptimizationPlan = {
  testCases: [{ id: 'smoke-1', input: {}, assertions: [{ kind: 'regex', value: '.+' }] }],
  metrics: ['relevance', 'faithfulness'],
  defaultModel: 'openai/gpt-4o',
  config: { runsPerCase: 1, passThreshold: 0.8, timeoutMs: 30_000 },
  target: 0.9,
  maxIterations: 5,
};

/** Pure payload builders: each reads only the saga's recorded events and the plan. */
export function promptOptimizationBuilders(plan: OptimizationPlan = defaultOptimizationPlan): PromptOptimizationSagaBuilders {
  const draftOf = (c: Parameters<PromptOptimizationSagaBuilders['Evaluation.Execution.Requested']>[0]) => c.events['Prompt.Draft.Created']?.payload;
  return {
    'Evaluation.Execution.Requested': (c) => {
      const draft = draftOf(c)!;
      const wanted = draft.targetModel ?? c.events['Prompt.Creation.Requested']?.payload.requirements.targetModel ?? plan.defaultModel;
      return { promptId: draft.promptId, revision: draft.revision, testCases: plan.testCases, metrics: plan.metrics, models: [wanted], config: plan.config };
    },
    'Optimization.Execution.Requested': (c) => {
      const evaluated = c.events['Evaluation.Execution.Completed']!.payload;
      return {
        promptId: evaluated.promptId,
        baseRevision: evaluated.revision,
        objectives: plan.metrics.map((metric) => ({ metric, target: plan.target })),
        maxIterations: plan.maxIterations,
        strategy: 'rewrite',
      };
    },
    'Prompt.Creation.RolledBack': (c) => {
      const draft = draftOf(c);
      return {
        ...(draft ? { promptId: draft.promptId } : {}),
        reason: c.failure?.reason ?? 'saga compensated',
        discardedArtifacts: draft ? [`draft:${draft.promptId}@${draft.revision}`] : [],
      };
    },
    'Evaluation.Retry.Requested': (c) => {
      const request = c.events['Evaluation.Execution.Requested']!;
      const failedAttempt = c.events['Evaluation.Execution.Failed']?.payload.attempt ?? 1;
      return { promptId: request.payload.promptId, attempt: failedAttempt + 1, requestEventId: request.eventId, notBefore: c.now };
    },
    'Prompt.Version.Restored': (c) => {
      const request = c.events['Optimization.Execution.Requested']!.payload;
      return { promptId: request.promptId, restoredRevision: request.baseRevision, reason: c.failure?.reason ?? 'optimization compensated' };
    },
  };
}

/** The generated definition, optionally with another step deadline (tests use short ones). */
export function promptOptimizationDefinition(stepTimeoutMs?: number): SagaDefinition {
  if (stepTimeoutMs === undefined) return promptOptimizationSaga;
  return { ...promptOptimizationSaga, steps: promptOptimizationSaga.steps.map((s) => ({ ...s, timeoutMs: stepTimeoutMs })) };
}

export interface PromptOptimizationOrchestratorOptions extends Pick<SagaOrchestratorOptions, 'clock' | 'hooks' | 'onError' | 'timeoutCheckMs' | 'idempotencyStore'> {
  store: SagaStore;
  transport: Transport;
  tenantId: string;
  /**
   * Where the contracts (validators) come from: by default the generated client of the
   * orchestrator agent (generated/prompt-optimization-orchestrator, precompiled validators);
   * pass a catalog to compile them from another version of the document instead.
   */
  catalog?: Catalog;
  plan?: OptimizationPlan;
  stepTimeoutMs?: number;
  retryPolicy?: RetryPolicy;
}

/** Checks that the agent's contracts cover the saga, naming what to add to the document if not. */
function pick(contracts: readonly ContractData[], eventTypes: readonly string[], what: string): ContractData[] {
  const byType = new Map(contracts.map((c) => [c.eventType, c]));
  const missing = eventTypes.filter((t) => !byType.has(t));
  if (missing.length) {
    throw new Error(`${promptOptimizationSaga.orchestrator} does not ${what} ${missing.join(', ')}; add a ${what === 'send' ? 'send' : 'receive'} operation for it to the document and regenerate`);
  }
  return eventTypes.map((t) => byType.get(t)!);
}

export function createPromptOptimizationOrchestrator(options: PromptOptimizationOrchestratorOptions): SagaOrchestrator {
  const definition = promptOptimizationDefinition(options.stepTimeoutMs);
  const builders = promptOptimizationBuilders(options.plan) as unknown as Record<string, SagaPayloadBuilder>;
  const failure = definition.failureEvent!;
  const { catalog, plan: _plan, stepTimeoutMs: _t, retryPolicy, ...rest } = options;
  const agent = catalog?.agents.find((a) => a.id === definition.orchestrator);
  if (catalog && !agent) throw new Error(`${catalog.source.file} declares no agent ${definition.orchestrator} (the x-saga orchestrator)`);
  const sends = agent ? catalogContracts(catalog!, agent.sends) : orchestratorClient.sends;
  const receives = agent ? catalogContracts(catalog!, agent.receives) : orchestratorClient.receives;
  return createSagaOrchestrator({
    ...rest,
    definition,
    decide: createSagaDecider(definition, builders),
    contracts: {
      sends: pick(sends, [...definition.emits, failure], 'send'),
      receives: pick(receives, definition.consumes, 'receive'),
      failure: pick(sends, [failure], 'send')[0]!,
    },
    retryPolicy: retryPolicy ?? catalog?.retryPolicy ?? orchestratorClient.retryPolicy,
  });
}
