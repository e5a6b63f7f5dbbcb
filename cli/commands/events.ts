/**
 * `evc events --registry URL [--format table|json]`: the event types a registry holds, with
 * their latest version and every version. Exit 0, or 2 when the registry is unusable.
 */
import { defineCommand, EXIT_OK } from '../command.ts';
import { fetchJson, listingFormat, listingOptions, renderTable } from '../registry-listing.ts';

interface EventsAnswer {
  events: { eventType: string; latest: string; latestSchemaId: number; versions: string[] }[];
}

export default defineCommand({
  name: 'events',
  summary: 'List the event types a registry holds (latest version, all versions)',
  usage: 'evc events --registry URL [--format table|json] [--token T]',
  options: listingOptions,
  async run(args, io) {
    const format = listingFormat('events', args);
    const answer = await fetchJson<EventsAnswer>('events', args, io, '/v1/events');
    const events = [...answer.events].sort((a, b) => a.eventType.localeCompare(b.eventType));
    if (format === 'json') {
      io.out(JSON.stringify({ events }, null, 2));
      return EXIT_OK;
    }
    if (events.length === 0) {
      io.out('The registry holds no events yet. Register a document with `evc publish`.');
      return EXIT_OK;
    }
    io.out(renderTable(['EVENT', 'LATEST', 'VERSIONS'], events.map((e) => [e.eventType, e.latest, e.versions.join(', ')])));
    io.out(`${events.length} event type(s).`);
    return EXIT_OK;
  },
});
