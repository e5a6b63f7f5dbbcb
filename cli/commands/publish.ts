/** `evc publish [file] --registry URL --token T [--dry-run]`: register a document's events. */
import { defineCommand } from '../command.ts';
import { documentOptions, runDocumentCommand } from '#registry/client/document-command.ts';

export default defineCommand({
  name: 'publish',
  summary: 'Register a document with a registry',
  usage: 'evc publish [file] --registry URL --token T [--dry-run] [--format text|json|markdown|github]',
  options: {
    ...documentOptions,
    'dry-run': { type: 'boolean', description: 'check only; write nothing', default: false },
  },
  run: (args, io) => runDocumentCommand('publish', args, io, Boolean(args.values['dry-run'])),
});
