/**
 * Confluent's listing query parameters as one pure filter over version rows
 * (docs.confluent.io, Schema Registry API reference: `GET /subjects`, `GET /subjects/{s}/versions`,
 * `GET /schemas`):
 * - `subjectPrefix`: only subjects starting with it (Confluent's default `:*:` means all);
 * - `deleted=true`: soft-deleted versions too; `deletedOnly=true`: only soft-deleted ones;
 * - `latestOnly=true` (`GET /schemas`): the latest live version of each subject;
 * - `offset` / `limit` (`GET /schemas`): paging after sorting by subject then position.
 */
export interface ListingQuery {
  subjectPrefix?: string | undefined;
  deleted?: boolean;
  deletedOnly?: boolean;
  latestOnly?: boolean;
  offset?: number;
  limit?: number;
}

export interface ListedRow {
  subject: string;
  position: number;
  deletedAt: Date | null;
}

/** Confluent's wildcard prefix: every subject of the default context. */
const ALL = ':*:';

export function selectRows<T extends ListedRow>(rows: T[], query: ListingQuery): T[] {
  const prefix = query.subjectPrefix && query.subjectPrefix !== ALL ? query.subjectPrefix : '';
  let out = rows.filter((r) => r.subject.startsWith(prefix));
  if (query.deletedOnly) out = out.filter((r) => r.deletedAt !== null);
  else if (!query.deleted) out = out.filter((r) => r.deletedAt === null);
  out = [...out].sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : a.position - b.position));
  if (query.latestOnly) out = out.filter((r, i) => out[i + 1]?.subject !== r.subject);
  const offset = Math.max(0, query.offset ?? 0);
  return query.limit !== undefined && query.limit >= 0 ? out.slice(offset, offset + query.limit) : out.slice(offset);
}

/** Subject names, in order: a subject is listed when one of its selected versions is. */
export const selectSubjects = (rows: ListedRow[], query: ListingQuery): string[] => {
  const selected = selectRows(rows, query);
  if (!query.deletedOnly) return [...new Set(selected.map((r) => r.subject))];
  // deletedOnly lists subjects that are wholly soft-deleted, as Confluent does.
  const live = new Set(rows.filter((r) => r.deletedAt === null).map((r) => r.subject));
  return [...new Set(selected.map((r) => r.subject))].filter((s) => !live.has(s));
};
