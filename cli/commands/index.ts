import type { Command } from '../command.ts';

/**
 * Every command, loaded lazily so `evc lint` never pays for the registry or the
 * generators. One file per command in this folder.
 */
export const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  lint: { summary: 'Lint an AsyncAPI document against the AsyncAPI spec and our rules', load: async () => (await import('./lint.ts')).default },
  catalog: { summary: 'Print the events, versions, publishers and subscribers of a document', load: async () => (await import('./catalog.ts')).default },
  diff: { summary: 'Compare two JSON Schemas or two AsyncAPI documents', load: async () => (await import('./diff.ts')).default },
  serve: { summary: 'Run the registry service', load: async () => (await import('./serve.ts')).default },
  token: { summary: 'Create an API token (evc token create --role publish)', load: async () => (await import('./token.ts')).default },
  publish: { summary: 'Register a document with a registry', load: async () => (await import('./publish.ts')).default },
  check: { summary: 'Dry-run a document against a registry (CI gate)', load: async () => (await import('./check.ts')).default },
  generate: { summary: 'Generate typed producers and consumers per agent', load: async () => (await import('./generate.ts')).default },
  events: { summary: 'List the event types a registry holds', load: async () => (await import('./events.ts')).default },
  versions: { summary: 'List the registered versions of one event type', load: async () => (await import('./versions.ts')).default },
  pull: { summary: 'Download an agent client bundle from a registry', load: async () => (await import('./pull.ts')).default },
  verify: { summary: 'Verify the pacts of a provider agent with the Pact verifier', load: async () => (await import('./verify.ts')).default },
  'publish-pacts': { summary: 'Publish pact files to a registry', load: async () => (await import('./publish-pacts.ts')).default },
  'dead-letters': { summary: 'List or replay the events consumers gave up on (NATS JetStream dead-letter stream)', load: async () => (await import('./dead-letters.ts')).default },
  'can-i-deploy': { summary: 'Ask a registry whether a pacticipant version can be deployed', load: async () => (await import('./can-i-deploy.ts')).default },
};
