/**
 * evc's half of can-i-deploy that the Pact Broker does not have: when the selected
 * pacticipant is a provider, is its registered AsyncAPI document (the one whose
 * `info.version` is the provider version) compatible with every reader's pact in the
 * target? One extra reason line; `schema=false` on the request leaves it out.
 */
import type { PactFile } from '#contracts/pact-file.ts';
import { checkPactsAgainstCatalog, type SchemaFinding } from '#contracts/pact-vs-schema.ts';
import type { Services } from '#registry/context.ts';
import { catalogFromBody } from '#registry/routes/documents.ts';
import { findDocument } from '#registry/store/documents.ts';
import { pactsByKeys } from '#registry/store/broker.ts';
import type { MatrixRow, MatrixSelector } from './matrix.ts';
import { resolveSelector } from './matrix.ts';
import type { BrokerView } from './model.ts';

export interface SchemaHalf {
  ok: boolean;
  document: string;
  registered: boolean;
  reason: string;
  findings: SchemaFinding[];
}

export async function schemaHalf(services: Services, view: BrokerView, selector: MatrixSelector, rows: MatrixRow[]): Promise<SchemaHalf | undefined> {
  const version = resolveSelector(view, selector);
  const readers = rows.filter((r) => r.provider === selector.pacticipant);
  if (!version || readers.length === 0) return undefined;
  const keys = readers.map((r) => ({ provider: r.provider, consumer: r.consumer, consumerVersion: r.consumerVersion }));
  const [document, pactRows] = await Promise.all([findDocument(services.db, version.number), pactsByKeys(services.db, keys)]);
  if (!document) {
    return { ok: true, document: version.number, registered: false, findings: [], reason: `evc schema check: no AsyncAPI document ${version.number} is registered, so the schema half was not checked (publish it with \`evc publish\`)` };
  }
  const pacts = pactRows.map((row) => row.content as PactFile);
  const catalog = await catalogFromBody(document.content, `document-${version.number}`, services);
  const findings = checkPactsAgainstCatalog(pacts, catalog, selector.pacticipant);
  const consumers = [...new Set(readers.map((r) => r.consumer))].join(', ');
  return {
    ok: findings.length === 0,
    document: version.number,
    registered: true,
    findings,
    reason:
      findings.length === 0
        ? `evc schema check: document ${version.number} has every field the pacts of ${consumers} read, with a type they accept`
        : `evc schema check: document ${version.number} breaks ${findings.length} field(s) read by the pacts: ${findings.map((f) => `${f.consumer} ${f.interaction} ${f.field}: ${f.message}`).join('; ')}`,
  };
}
