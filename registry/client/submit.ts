/**
 * The HTTP side of `evc publish` / `evc check`: sends a document to a registry and sorts
 * the answer into a report (exit 0 or 1) or a usable error (exit 2).
 */
import type { DocumentReport } from '../domain/register-document.ts';

export type SubmitResult =
  | { kind: 'report'; report: DocumentReport; status: number }
  | { kind: 'error'; message: string; hint?: string };

export async function submitDocument(input: {
  registry: string;
  text: string;
  file: string;
  dryRun: boolean;
  token?: string;
  timeoutMs?: number;
}): Promise<SubmitResult> {
  let base: URL;
  try {
    base = new URL(input.registry);
  } catch {
    return { kind: 'error', message: `--registry ${input.registry} is not a URL`, hint: 'Use e.g. --registry http://localhost:8080' };
  }
  const url = new URL('v1/documents', base.href.endsWith('/') ? base : new URL(`${base.href}/`));
  url.searchParams.set('dryRun', String(input.dryRun));
  url.searchParams.set('file', input.file);
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/yaml', ...(input.token ? { authorization: `Bearer ${input.token}` } : {}) },
      body: input.text,
      signal: AbortSignal.timeout(input.timeoutMs ?? 60_000),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return {
      kind: 'error',
      message: `registry ${base.origin} is unreachable: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
      hint: 'Check --registry (or EVC_REGISTRY_URL) and that the registry is running (`evc serve`).',
    };
  }
  const body = (await res.json().catch(() => undefined)) as ({ error_code?: number; message?: string; report?: DocumentReport } & Partial<DocumentReport>) | undefined;
  if (res.ok && body?.events) return { kind: 'report', report: body as DocumentReport, status: res.status };
  if (res.status === 409 && body?.report) return { kind: 'report', report: body.report, status: res.status };
  const message = body?.message ?? `HTTP ${res.status}`;
  if (res.status === 401 || res.status === 403) {
    return { kind: 'error', message: `registry refused the request (${res.status}): ${message}`, hint: 'Pass a token with --token or EVC_TOKEN (create one with `evc token create --role publish`).' };
  }
  return { kind: 'error', message: `registry answered ${res.status}${body?.error_code ? ` (${body.error_code})` : ''}: ${message}` };
}
