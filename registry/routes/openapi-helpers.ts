/** Small builders that keep the per-route OpenAPI fragments short. */
const json = (schema: Record<string, unknown> = { type: 'object' }, type = 'application/json') => ({ content: { [type]: { schema } } });

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export const pathParam = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });
export const queryParam = (name: string, description: string, type = 'string') => ({ name, in: 'query', required: false, description, schema: { type } });

export const op = (
  summary: string,
  options: {
    tags?: string[];
    parameters?: unknown[];
    body?: Record<string, unknown> | { raw: string };
    responses?: Record<string, string | { description: string; schema?: Record<string, unknown> }>;
    auth?: 'read' | 'publish' | 'admin';
    confluent?: boolean;
  } = {},
) => {
  const type = options.confluent ? 'application/vnd.schemaregistry.v1+json' : 'application/json';
  const responses = Object.fromEntries(
    Object.entries(options.responses ?? { '200': 'OK' }).map(([code, r]) =>
      typeof r === 'string'
        ? [code, { description: r, ...(code.startsWith('2') ? json(undefined, type) : json(ref('Error'), type)) }]
        : [code, { description: r.description, ...json(r.schema, type) }],
    ),
  );
  const body =
    options.body === undefined
      ? {}
      : 'raw' in options.body
        ? {
            requestBody: {
              required: true,
              description: options.body.raw,
              content: { 'application/yaml': { schema: { type: 'string' } }, 'application/json': { schema: { type: 'object' } } },
            },
          }
        : { requestBody: { required: true, ...json(options.body, type) } };
  return {
    summary,
    ...(options.tags ? { tags: options.tags } : {}),
    ...(options.parameters ? { parameters: options.parameters } : {}),
    ...body,
    ...(options.auth && options.auth !== 'read' ? { security: [{ bearer: [] }, { basic: [] }], 'x-evc-role': options.auth } : {}),
    responses,
  };
};
