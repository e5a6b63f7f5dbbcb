/**
 * `evc dead-letters list|replay`: the events consumers gave up on (exhausted retries,
 * non-retryable errors, contract violations), kept in the namespace's dead-letter stream on
 * NATS JetStream. `replay` sends them back to their original subject once the cause is fixed.
 */
import { defineCommand, EXIT_OK, UserError } from '../command.ts';

export default defineCommand({
  name: 'dead-letters',
  summary: 'List or replay the events consumers gave up on (NATS JetStream dead-letter stream)',
  usage: 'evc dead-letters list|replay [--nats URL] [--prefix evc] [--agent AGENT] [--seq N,...] [--limit N] [--format table|json]',
  options: {
    nats: { type: 'string', description: 'NATS server URL (env NATS_URL)', default: '' },
    prefix: { type: 'string', description: 'subject namespace of the runtime', default: 'evc' },
    agent: { type: 'string', description: 'only the dead letters of this agent' },
    seq: { type: 'string', description: 'replay: only these dead-letter sequence numbers (comma separated)' },
    limit: { type: 'string', description: 'at most this many', default: '1000' },
    format: { type: 'string', description: 'list: table or json', default: 'table' },
  },
  async run(args, io) {
    const action = args.positionals[0];
    if (action !== 'list' && action !== 'replay') {
      throw new UserError(`evc dead-letters: unknown action ${action ? `"${action}"` : '(none)'}. Valid actions: list, replay.`, 'Run `evc dead-letters list --nats nats://127.0.0.1:4222`.');
    }
    const servers = String(args.values.nats || io.env.NATS_URL || '');
    if (!servers) throw new UserError('evc dead-letters: no NATS server given.', 'Pass --nats nats://HOST:4222 or set NATS_URL.');
    const limit = Number(args.values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new UserError(`evc dead-letters: --limit must be a positive integer, not "${String(args.values.limit)}".`);
    const format = String(args.values.format);
    if (format !== 'table' && format !== 'json') throw new UserError(`evc dead-letters: unknown --format "${format}"; valid formats: table, json`);
    const seqs = args.values.seq === undefined ? undefined : new Set(String(args.values.seq).split(',').map((s) => Number(s.trim())));
    if (seqs && [...seqs].some((n) => !Number.isInteger(n) || n < 1)) throw new UserError(`evc dead-letters: --seq takes sequence numbers like 3,7, not "${String(args.values.seq)}".`);

    const { connectNatsTransport } = await import('#runtime/nats-transport.ts');
    const { listDeadLetters, replayDeadLetters } = await import('#runtime/dead-letters.ts');
    let transport;
    try {
      transport = await connectNatsTransport({ servers, prefix: String(args.values.prefix) });
    } catch (error) {
      throw new UserError(`evc dead-letters: cannot reach NATS at ${servers}: ${(error as Error).message}`, 'Check --nats and that the server runs with JetStream (-js).');
    }
    try {
      const agent = args.values.agent as string | undefined;
      const letters = (await listDeadLetters(transport, { ...(agent ? { agent } : {}), limit })).filter((l) => !seqs || seqs.has(l.seq));
      if (action === 'replay') {
        const replayed = await replayDeadLetters(transport, letters);
        io.out(`replayed ${replayed.length} dead letter(s)${replayed.length ? `: ${replayed.map((l) => `#${l.seq} ${l.eventType || '(not an event)'} → ${l.subject}`).join(', ')}` : ''}`);
        return EXIT_OK;
      }
      if (format === 'json') {
        io.out(JSON.stringify(letters.map(({ data, ...rest }) => ({ ...rest, bytes: data.length })), null, 2));
      } else if (letters.length === 0) {
        io.out('no dead letters');
      } else {
        const rows = [['SEQ', 'TIME', 'AGENT', 'EVENT TYPE', 'EVENT ID', 'CODE', 'FAILURE EVENT'], ...letters.map((l) => [String(l.seq), l.time, l.agent, l.eventType || '(not an event)', l.eventId, l.code, l.failureId])];
        const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
        io.out(rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n'));
      }
      return EXIT_OK;
    } finally {
      await transport.close();
    }
  },
});
