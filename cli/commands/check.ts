/**
 * `evc check [file] --registry URL [--format text|json|markdown|github]`: the CI gate. A dry
 * run against the registry's history; exit 0 ok, 1 rejected, 2 unusable input or registry.
 */
import { defineCommand } from '../command.ts';
import { documentOptions, runDocumentCommand } from '#registry/client/document-command.ts';

export default defineCommand({
  name: 'check',
  summary: 'Dry-run a document against a registry (CI gate)',
  usage: 'evc check [file] --registry URL [--format text|json|markdown|github]',
  options: documentOptions,
  run: (args, io) => runDocumentCommand('check', args, io, true),
});
