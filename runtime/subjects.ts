/**
 * Subject layout: `<prefix>.<eventType>.<partition-key token>`, e.g.
 * `evc.Prompt.Lifecycle.Created.p-42`. The key is the last token so an agent's filter is
 * `<prefix>.<eventType>.*`, and a broker that partitions by subject keeps one key in order.
 */

// NATS subject tokens must not contain `.`, `*`, `>` or whitespace; we also escape `%`
// so the encoding is reversible (percent-encoding of every other byte).
const SAFE = /^[A-Za-z0-9_\-:@+=]+$/;

export function keyToken(partitionKey: string): string {
  if (partitionKey === '') return '%';
  if (SAFE.test(partitionKey)) return partitionKey;
  return encodeURIComponent(partitionKey).replace(/[.*>!~'()]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

export function eventTypeTokens(eventType: string): string {
  const tokens = eventType.split('.').map((t) => t.replace(/[^A-Za-z0-9_\-]/g, '_') || '_');
  return tokens.join('.');
}

export function subjectFor(prefix: string, eventType: string, partitionKey: string): string {
  return `${prefix}.${eventTypeTokens(eventType)}.${keyToken(partitionKey)}`;
}

export function subjectFilter(prefix: string, eventType: string): string {
  return `${prefix}.${eventTypeTokens(eventType)}.*`;
}

/** NATS wildcard match (`*` one token, `>` the rest), used by the in-memory transport. */
export function subjectMatches(filter: string, subject: string): boolean {
  const f = filter.split('.');
  const s = subject.split('.');
  for (let i = 0; i < f.length; i++) {
    const token = f[i];
    if (token === '>') return s.length > i;
    if (i >= s.length) return false;
    if (token !== '*' && token !== s[i]) return false;
  }
  return f.length === s.length;
}

/**
 * Compiles filters into one predicate. The common filter `<base>.*` becomes a prefix test
 * plus "no further dot" (no split per message); anything else falls back to subjectMatches.
 */
export function compileSubjectFilters(filters: readonly string[]): (subject: string) => boolean {
  const prefixes: string[] = [];
  const others: string[] = [];
  for (const f of filters) {
    const base = f.slice(0, -1);
    if (f.endsWith('.*') && !base.includes('*') && !base.includes('>')) prefixes.push(base);
    else others.push(f);
  }
  return (subject) => {
    for (const base of prefixes) {
      if (subject.length > base.length && subject.startsWith(base) && subject.indexOf('.', base.length) === -1) return true;
    }
    for (const f of others) if (subjectMatches(f, subject)) return true;
    return false;
  };
}

/**
 * Dead letters live beside the namespace, never inside it (`<prefix>_dlq.<agent>.<eventType>`),
 * so no agent's filter ever receives one; the NATS adapter keeps them in a stream of their own.
 */
export function deadLetterRoot(prefix: string): string {
  return `${prefix}_dlq`;
}

export function deadLetterSubject(prefix: string, agent: string, eventType: string): string {
  return `${deadLetterRoot(prefix)}.${keyToken(agent)}.${eventTypeTokens(eventType || 'Unknown.Event.Received')}`;
}

/** Headers a dead letter carries: enough to list it and to replay it where it came from. */
export const DEAD_LETTER_HEADERS = {
  failureId: 'Evc-Failure-Id',
  agent: 'Evc-Agent',
  subject: 'Evc-Original-Subject',
  msgId: 'Evc-Original-Msg-Id',
  code: 'Evc-Error-Code',
} as const;
