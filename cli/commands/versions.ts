/**
 * `evc versions EVENT --registry URL [--format table|json]`: every registered version of one
 * event type, oldest first, with its schema id, document version and who registered it.
 * Exit 0, or 2 for an unknown event type or an unusable registry.
 */
import { defineCommand, EXIT_OK, UserError } from '../command.ts';
import { fetchJson, listingFormat, listingOptions, renderTable } from '../registry-listing.ts';

interface VersionsAnswer {
  eventType: string;
  versions: { version: string; schemaId: number; documentVersion: string | null; createdBy: string | null; createdAt: string }[];
}

export default defineCommand({
  name: 'versions',
  summary: 'List the registered versions of one event type',
  usage: 'evc versions EVENT --registry URL [--format table|json] [--token T]',
  options: listingOptions,
  async run(args, io) {
    const [eventType, ...extra] = args.positionals;
    if (!eventType || extra.length > 0) {
      throw new UserError(`evc versions: expected one event type, got ${args.positionals.length}.`, 'Example: evc versions Prompt.Creation.Requested --registry http://localhost:8080 (`evc events` lists them).');
    }
    const format = listingFormat('versions', args);
    const answer = await fetchJson<VersionsAnswer>('versions', args, io, `/v1/events/${encodeURIComponent(eventType)}/versions`);
    if (format === 'json') {
      io.out(JSON.stringify(answer, null, 2));
      return EXIT_OK;
    }
    io.out(
      renderTable(
        ['VERSION', 'SCHEMA ID', 'DOCUMENT', 'REGISTERED BY', 'AT'],
        answer.versions.map((v) => [v.version, String(v.schemaId), v.documentVersion ?? '-', v.createdBy ?? '-', String(v.createdAt)]),
      ),
    );
    io.out(`${answer.versions.length} version(s) of ${answer.eventType}.`);
    return EXIT_OK;
  },
});
