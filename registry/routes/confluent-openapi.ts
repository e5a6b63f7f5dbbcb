/** OpenAPI helpers for the Confluent-compatible routes. */
import { op, pathParam } from './openapi-helpers.ts';

export const confluentOp = (summary: string, options: Parameters<typeof op>[1] = {}) => op(summary, { tags: ['confluent'], confluent: true, ...options });
export const subjectParam = pathParam('subject', 'subject = event type');
export const versionParam = pathParam('version', 'integer position, or latest');
