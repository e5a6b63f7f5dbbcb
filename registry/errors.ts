/**
 * Typed domain errors. Each carries an HTTP status and a stable `error_code`; the app's
 * single `onError` turns them into `{ error_code, message }`. Codes follow Confluent's
 * REST API where one exists (docs.confluent.io, Schema Registry API reference, "Errors").
 */
export class RegistryError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 503,
    readonly code: number,
    message: string,
    /** Extra JSON fields merged into the error body (diagnostics, compatibility report). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

export const subjectNotFound = (subject: string) =>
  new RegistryError(404, 40401, `Subject '${subject}' not found. List subjects with GET /subjects.`);
export const versionNotFound = (subject: string, version: string | number) =>
  new RegistryError(404, 40402, `Version ${version} not found for subject '${subject}'. List versions with GET /subjects/${subject}/versions.`);
export const schemaNotFound = (id: number | string) => new RegistryError(404, 40403, `Schema ${id} not found.`);
export const subjectSoftDeleted = (subject: string) =>
  new RegistryError(404, 40404, `Subject '${subject}' was soft deleted. Set permanent=true to delete permanently.`);
export const subjectNotSoftDeleted = (subject: string) =>
  new RegistryError(404, 40405, `Subject '${subject}' was not deleted first before being permanently deleted.`);
export const versionSoftDeleted = (subject: string, version: number) =>
  new RegistryError(404, 40406, `Version ${version} of subject '${subject}' was soft deleted. Set permanent=true to delete permanently.`);
export const versionNotSoftDeleted = (subject: string, version: number) =>
  new RegistryError(404, 40407, `Version ${version} of subject '${subject}' was not deleted first before being permanently deleted.`);
export const incompatible = (message: string, details?: Record<string, unknown>) => new RegistryError(409, 40901, message, details);
export const invalidSchema = (message: string, details?: Record<string, unknown>) => new RegistryError(422, 42201, message, details);
export const invalidVersion = (version: string) =>
  new RegistryError(422, 42202, `'${version}' is not a valid version: use a positive integer, a semver such as 1.2.0, or 'latest'.`);
export const invalidLevel = (level: unknown, valid: readonly string[]) =>
  new RegistryError(422, 42203, `Invalid compatibility level ${JSON.stringify(level)}. Valid levels: ${valid.join(', ')}.`);
export const invalidMode = (mode: unknown, valid: readonly string[]) =>
  new RegistryError(422, 42204, `Invalid mode ${JSON.stringify(mode)}. Valid modes: ${valid.join(', ')}.`);
export const readOnly = (subject?: string) =>
  new RegistryError(422, 42205, `${subject ? `Subject '${subject}'` : 'The registry'} is in read-only mode. An admin can switch it back with PUT /mode {"mode":"READWRITE"}.`);
export const invalidRequest = (message: string, details?: Record<string, unknown>) => new RegistryError(422, 42200, message, details);
export const unauthorized = (message: string) => new RegistryError(401, 40101, message);
export const forbidden = (message: string) => new RegistryError(403, 40301, message);
export const payloadTooLarge = (limit: number) =>
  new RegistryError(413, 41301, `Request body exceeds the ${Math.round(limit / 1024 / 1024)} MB limit.`);
export const badRequest = (message: string, details?: Record<string, unknown>) => new RegistryError(400, 40001, message, details);
export const storeUnavailable = () =>
  new RegistryError(503, 50001, 'Error in the backend data store: the database is unreachable. Retry shortly; the service reconnects by itself.');
