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
import { incompatible, readOnly } from '../errors.ts';
import { canonicalize } from './canonical.ts';
import { decideRegistration } from './decide.ts';
import { readSubjectState } from './history.ts';
import { recordVersion } from './record.ts';

export interface RegisteredSchema {
  id: number;
  position: number;
  version: string;
  created: boolean;
}

export async function registerSchema(db: Database, input: { subject: string; schema: JsonSchema; actor: string }): Promise<RegisteredSchema> {
  const schema = canonicalize(input.schema);
  return inTransaction(db, async (tx) => {
    const locked = await lockSubjects(tx, [input.subject]);
    const subject = locked.get(input.subject);
    if (!subject) throw new Error(`subject ${input.subject} was not locked`);
    const state = await readSubjectState(tx, input.subject);
    if (state.settings.mode === 'READONLY') throw readOnly(input.subject);
    const decision = decideRegistration({
      subject: input.subject,
      history: state.history,
      takenVersions: state.takenVersions,
      candidate: { schema: input.schema, hash: schema.hash },
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
    const { schemaId, position } = await recordVersion(tx, { subjectId: subject.id, schema, version: decision.version, documentVersion: null, actor: input.actor });
    await appendAudit(tx, [{ actor: input.actor, action: 'register', subject: input.subject, version: decision.version, schemaId, detail: { position, via: 'confluent' } }]);
    return { id: schemaId, position, version: decision.version, created: true };
  });
}
