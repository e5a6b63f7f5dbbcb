/**
 * The TypeScript program the bundle e2e test compiles (with tsc) against two downloaded
 * client bundles and runs: the saga orchestrator and the evaluation engine exchange events
 * over the real NATS JetStream server. Written out as text so it compiles in a fresh project
 * that only has the two bundles (and @types/node) installed.
 */
export function bundleProgram(examples: { requested: unknown; completed: unknown }): string {
  return `import {
  connectNatsTransport,
  createConsumer as createOrchestratorConsumer,
  createProducer as createOrchestratorProducer,
  ContractViolationError,
  type EvaluationExecutionCompletedEvent,
  type EvaluationExecutionRequestedPayload,
} from '@evc-clients/prompt-optimization-orchestrator';
import {
  connectNatsTransport as connectEngineTransport,
  createConsumer as createEngineConsumer,
  createProducer as createEngineProducer,
  type EvaluationExecutionCompletedPayload,
} from '@evc-clients/evaluation-engine';

const servers = process.env.NATS_URL!;
const prefix = process.env.EVC_PREFIX!;
const COUNT = 20;

const requested: EvaluationExecutionRequestedPayload = ${JSON.stringify(examples.requested)};
const completed: EvaluationExecutionCompletedPayload = ${JSON.stringify(examples.completed)};

// @ts-expect-error: the generated payload type requires testCases, metrics, models and config.
const incomplete: EvaluationExecutionRequestedPayload = { promptId: 'prm_1', revision: 1 };
void incomplete;

const orchestratorTransport = await connectNatsTransport({ servers, prefix });
const engineTransport = await connectEngineTransport({ servers, prefix });
const unexpected: string[] = [];
const ignore = (name: string) => async () => void unexpected.push(name);

const engineProducer = createEngineProducer({ transport: engineTransport, tenantId: 'acme-corp' });
const engine = createEngineConsumer({
  transport: engineTransport,
  handlers: {
    'Evaluation.Execution.Requested': async (event) => {
      // Typed: event.payload is EvaluationExecutionRequestedPayload.
      await engineProducer.send.evaluationExecutionCompleted(
        { ...completed, promptId: event.payload.promptId, revision: event.payload.revision ?? completed.revision },
        { causedBy: event },
      );
    },
    'Evaluation.Retry.Requested': ignore('Evaluation.Retry.Requested'),
  },
});

const replies: EvaluationExecutionCompletedEvent[] = [];
const orchestrator = createOrchestratorConsumer({
  transport: orchestratorTransport,
  handlers: {
    'Evaluation.Execution.Completed': async (event) => void replies.push(event),
    'Prompt.Creation.Requested': ignore('Prompt.Creation.Requested'),
    'Prompt.Draft.Created': ignore('Prompt.Draft.Created'),
    'Prompt.Optimization.Completed': ignore('Prompt.Optimization.Completed'),
    'Prompt.Creation.Failed': ignore('Prompt.Creation.Failed'),
    'Evaluation.Execution.Failed': ignore('Evaluation.Execution.Failed'),
    'Optimization.Execution.Failed': ignore('Optimization.Execution.Failed'),
    'Platform.Event.Failed': ignore('Platform.Event.Failed'),
  },
});
await engine.start();
await orchestrator.start();

const producer = createOrchestratorProducer({ transport: orchestratorTransport, tenantId: 'acme-corp' });
let rejected = '';
try {
  await producer.send.evaluationExecutionRequested({ ...requested, revision: -1 });
} catch (error) {
  if (error instanceof ContractViolationError) rejected = error.violations.map((v) => v.pointer).join(',');
}

const sent = [];
for (let i = 0; i < COUNT; i++) {
  sent.push(await producer.send.evaluationExecutionRequested({ ...requested, promptId: \`prm_e2e_\${i}\` }, { correlationId: \`saga-\${i % 4}\` }));
}
const deadline = Date.now() + 30_000;
while (replies.length < COUNT && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));

const byCause = new Map(replies.map((r) => [r.causationId, r]));
const matched = sent.filter((s) => {
  const reply = byCause.get(s.eventId);
  return reply !== undefined && reply.correlationId === s.correlationId && reply.payload.promptId === s.payload.promptId && reply.metadata.source === 'evaluation-engine';
}).length;
// Stop first: stop() lets running handlers finish (and count) before the stats are read,
// since a reply can reach the orchestrator before the engine's handler has returned.
await orchestrator.stop();
await engine.stop();
const result = {
  sent: sent.length,
  replies: replies.length,
  matched,
  unexpected,
  rejected,
  engineStats: { ...engine.stats },
  orchestratorStats: { ...orchestrator.stats },
};
await orchestratorTransport.deleteStream();
await orchestratorTransport.close();
await engineTransport.close();
console.log(JSON.stringify(result));
`;
}
