/** Pure renderers for `evc lint` and `evc catalog` output (no IO). */
import path from 'node:path';
import type { Diagnostic } from './errors.ts';
import type { Catalog } from './model.ts';

/**
 * Shows absolute paths under the working directory relative to it, as editors expect; a path
 * outside it stays absolute (what the user typed), never a chain of `../..`.
 */
export const relativeTo = (cwd: string) => (file: string) => {
  if (!path.isAbsolute(file)) return file;
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
};

export function formatDiagnosticsText(diagnostics: Diagnostic[], show: (file: string) => string): string {
  const lines: string[] = [];
  for (const d of diagnostics) {
    const where = d.line > 0 ? `${show(d.file)}:${d.line}:${d.col}` : show(d.file);
    lines.push(`${where}: ${d.severity} ${d.code}: ${d.message}`);
    if (d.hint) lines.push(`  hint: ${d.hint}`);
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  lines.push(diagnostics.length === 0 ? 'No problems found.' : `${diagnostics.length} problem(s): ${errors} error(s), ${warnings} warning(s).`);
  return lines.join('\n');
}

/** One row per event: type, version, publisher(s) → subscriber (role). */
export function formatCatalogTable(catalog: Catalog): string {
  const rows = catalog.events.map((e) => [
    e.eventType,
    e.version,
    // Long publisher lists (e.g. every consumer may publish Platform.Event.Failed) are summarised;
    // --format json has them all.
    e.publishers.length > 2 ? `${e.publishers[0]} +${e.publishers.length - 1} more` : e.publishers.join(', ') || '-',
    e.subscribers.map((s) => `${s.agent} (${s.role})`).join(', ') || '-',
  ]);
  const header = ['EVENT', 'VERSION', 'PUBLISHER', 'SUBSCRIBERS (ROLE)'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const out = [`${catalog.title} ${catalog.version} (AsyncAPI ${catalog.asyncapi}): ${catalog.events.length} events, ${catalog.agents.length} agents`, '', line(header), ...rows.map(line)];
  for (const saga of catalog.sagas) {
    out.push('', `Saga ${saga.name}${saga.orchestrator ? ` (orchestrator ${saga.orchestrator})` : ''}: ${saga.steps.map((s) => s.eventType).join(' → ')}`);
    for (const c of saga.compensations) out.push(`  on ${c.onFailure} → ${c.compensation}`);
  }
  for (const a of catalog.aggregates) out.push('', `Aggregate ${a.name} (id ${a.idField}): ${a.events.join(', ')}`);
  return out.join('\n');
}
