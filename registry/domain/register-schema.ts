/**
 * Registers one schema on one subject, as Confluent's `POST /subjects/{s}/versions`
 * does. The schema carries no semver, so it gets the inferred next version; a change
 * that is incompatible under the subject's level is refused with 40901.
 */
import type { JsonSchema } from '#catalog/model.ts';
import { checkCompatibility } from '#compat/index.ts';
import type { Database } from '#registry/db/connect.ts';
import { appendAudit } from '#registry/store/audit.ts';
import { lockSubjects } from '#registry/store/subjects.ts';
import { inTransaction } from '#registry/store/transaction.ts';
import { findVersionByPosition } from '#registry/store/versions.ts';
import { incompatible, readOnly } from '../errors.ts';
import { decideRegistration } from './decide.ts';
import { readSubjectState } from './history.ts';
import { recordVersion } from './record.ts';
import { identify, missingReference, type SchemaReference } from './references.ts';

/** The references were checked before the transaction; this re-reads them under the locks. */
async function assertReferencesLive(tx: Database, references: SchemaReference[]): Promise<void> {
  for (const r of references) if (!(await findVersionByPosition(tx, r.subject, r.version))) throw missingReference(r);
}

export interface RegisteredSchema {
  id: number;
  position: number;
  version: string;
  created: boolean;
}

export interface SchemaRegistration {
  subject: string;
  /** The schema as registered (stored and served). */
  schema: JsonSchema;
  /** With its references resolved (reference-bundle.ts): what is compared. The schema itself when it has none. */
  resolved?: JsonSchema;
  references?: SchemaReference[];
  actor: string;
}

export async function registerSchema(db: Database, input: SchemaRegistration): Promise<RegisteredSchema> {
  const references = input.references ?? [];
  const schema = identify(input.schema, references);
  return inTransaction(db, async (tx) => {
    // The referenced subjects are locked too, so none of their referenced versions can be
    // deleted between the check below and the commit (deletes lock the subject first).
    const locked = await lockSubjects(tx, [input.subject, ...references.map((r) => r.subject)]);
    const subject = locked.get(input.subject);
    if (!subject) throw new Error(`subject ${input.subject} was not locked`);
    await assertReferencesLive(tx, references);
    const state = await readSubjectState(tx, input.subject);
    if (state.settings.mode === 'READONLY') throw readOnly(input.subject);
    const decision = decideRegistration({
      subject: input.subject,
      history: state.history,
      takenVersions: state.takenVersions,
      candidate: { schema: input.resolved ?? input.schema, hash: schema.hash },
      level: state.settings.level,
      policy: state.settings.policy,
      check: checkCompatibility,
    });
    if (decision.status === 'unchanged') return { id: decision.schemaId, position: decision.position, version: decision.version, created: false };
    if (decision.status === 'rejected') {
      throw incompatible(
        `Schema being registered is incompatible with an earlier schema for subject "${input.subject}" under ${state.settings.level}: ${decision.reasons.join('; ')}`,
        {
          messages: decision.reasons,
          ...(decision.smallestAcceptableVersion ? { smallestAcceptableVersion: decision.smallestAcceptableVersion } : {}),
          ...(decision.report ? { requiredBump: decision.report.requiredBump } : {}),
        },
      );
    }
    const { schemaId, position } = await recordVersion(tx, { subjectId: subject.id, schema, version: decision.version, documentVersion: null, actor: input.actor, references });
    await appendAudit(tx, [{ actor: input.actor, action: 'register', subject: input.subject, version: decision.version, schemaId, detail: { position, via: 'confluent', ...(references.length > 0 ? { references } : {}) } }]);
    return { id: schemaId, position, version: decision.version, created: true };
  });
}
