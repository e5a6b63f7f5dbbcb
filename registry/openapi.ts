/** Assembles `/openapi.json` from the route modules' fragments. */
import type { RouteModule } from './routes/types.ts';

const components = {
  securitySchemes: {
    bearer: { type: 'http', scheme: 'bearer', description: 'An evc token (evc token create --role publish)' },
    basic: { type: 'http', scheme: 'basic', description: 'Confluent clients: any user name, the evc token as password' },
  },
  schemas: {
    Error: {
      type: 'object',
      required: ['error_code', 'message'],
      properties: { error_code: { type: 'integer', examples: [40401, 40402, 40403, 40901, 42201, 42203, 50001] }, message: { type: 'string' } },
    },
    DocumentReport: {
      type: 'object',
      properties: {
        ok: { type: 'boolean' },
        dryRun: { type: 'boolean' },
        document: { type: 'object', properties: { version: { type: 'string' }, title: { type: 'string' }, status: { enum: ['new', 'unchanged', 'rejected'] } } },
        events: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              eventType: { type: 'string' },
              declaredVersion: { type: 'string' },
              status: { enum: ['unchanged', 'registered', 'rejected'] },
              version: { type: 'string' },
              schemaId: { type: 'integer' },
              position: { type: 'integer' },
              requiredBump: { enum: ['none', 'patch', 'minor', 'major'] },
              smallestAcceptableVersion: { type: 'string' },
              changes: { type: 'array', items: { type: 'object' } },
              messages: { type: 'array', items: { type: 'string' } },
            },
          },
        },
        summary: { type: 'object', properties: { registered: { type: 'integer' }, unchanged: { type: 'integer' }, rejected: { type: 'integer' } } },
      },
    },
    CompatReport: {
      type: 'object',
      properties: {
        compatible: { type: 'boolean' },
        level: { type: 'string' },
        policy: { type: 'string' },
        changes: { type: 'array', items: { type: 'object' } },
        violations: { type: 'array', items: { type: 'object' } },
        requiredBump: { enum: ['none', 'patch', 'minor', 'major'] },
        suggestedVersion: { type: 'string' },
      },
    },
  },
};

export function buildOpenApi(modules: RouteModule[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const m of modules) {
    for (const [path, item] of Object.entries(m.openapi)) paths[path] = { ...(paths[path] ?? {}), ...item };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'event-contracts registry',
      version: '0.1.0',
      description:
        'Versioned event schemas (semver) with a native API under /v1 and a Confluent Schema Registry compatible API (schemaType JSON). Errors are { error_code, message } with Confluent codes. Writes need a token (Authorization: Bearer); Confluent clients may send it as the Basic-auth password.',
    },
    paths,
    components,
  };
}
