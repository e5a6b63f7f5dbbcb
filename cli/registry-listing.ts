/**
 * What `evc events` and `evc versions EVENT` share: the registry options, the one GET each
 * makes (through contracts/registry-client.ts), and the table renderer. Pure except `fetchJson`.
 */
import { RegistryCallError, registryClient } from '#contracts/registry-client.ts';
import { UserError, type Io, type OptionSpec, type ParsedArgs } from './command.ts';

export const listingOptions: Record<string, OptionSpec> = {
  registry: { type: 'string', description: 'Registry base URL (or EVC_REGISTRY_URL)' },
  token: { type: 'string', description: 'Read token when the registry requires one (or EVC_TOKEN)' },
  format: { type: 'string', description: 'table or json', default: 'table' },
};

export type ListingFormat = 'table' | 'json';

export function listingFormat(name: string, args: ParsedArgs): ListingFormat {
  const format = String(args.values.format ?? 'table');
  if (format !== 'table' && format !== 'json') throw new UserError(`evc ${name}: unknown --format "${format}"; valid formats: table, json.`);
  return format;
}

/** GET `path` from the registry named by --registry / EVC_REGISTRY_URL; unusable answers become exit-2 errors. */
export async function fetchJson<T>(name: string, args: ParsedArgs, io: Io, path: string): Promise<T> {
  const url = typeof args.values.registry === 'string' ? args.values.registry : io.env.EVC_REGISTRY_URL;
  if (!url) throw new UserError(`evc ${name}: no registry given.`, 'Pass --registry http://host:8080 or set EVC_REGISTRY_URL.');
  const token = typeof args.values.token === 'string' ? args.values.token : io.env.EVC_TOKEN;
  try {
    return await registryClient(url, token).call<T>('GET', path);
  } catch (error) {
    if (error instanceof RegistryCallError) throw new UserError(`evc ${name}: ${error.message}`, error.hint ?? (error.status === 404 ? 'Run `evc events` to list the event types the registry holds.' : undefined));
    throw error;
  }
}

/** A plain aligned table: a header row, a rule, one row per record. */
export function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
