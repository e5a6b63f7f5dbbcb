/**
 * `evc check [file] --registry URL [--format text|json|markdown|github] [--allow-registry-ahead]`:
 * the CI gate. A dry run against the registry's history; exit 0 ok, 1 rejected or the registry
 * holds versions the document does not contain (unless --allow-registry-ahead), 2 unusable input
 * or registry.
 */
import { defineCommand } from '../command.ts';
import { documentOptions, runDocumentCommand } from '#registry/client/document-command.ts';

export default defineCommand({
  name: 'check',
  summary: 'Dry-run a document against a registry (CI gate)',
  usage: 'evc check [file] --registry URL [--format text|json|markdown|github] [--allow-registry-ahead]',
  options: {
    ...documentOptions,
    'allow-registry-ahead': { type: 'boolean', description: 'Pass even when the registry holds newer versions of an event than the document (e.g. registered through the Confluent API)' },
  },
  run: (args, io) => runDocumentCommand('check', args, io, true),
});
