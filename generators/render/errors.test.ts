import { describe, expect, it } from 'vitest';
import { GenerationError, generationNotes } from './errors.ts';

describe('GenerationError', () => {
  it('says where in the document, then what; keeps the hint and location for the CLI', () => {
    const where = { file: 'api.yaml', pointer: '/components/messages/A', line: 12, col: 5 };
    const error = new GenerationError('message "A" has an Avro payload', where, 'convert it to JSON Schema');
    // why: `evc generate` prints file:line:col and the JSON pointer so an editor can jump there.
    expect(error.message).toBe('api.yaml:12:5 (/components/messages/A): message "A" has an Avro payload');
    // why: the name is what a stack trace and `catch` logging show; it must not read as a plain Error.
    expect(error.name).toBe('GenerationError');
    expect(String(error)).toBe('GenerationError: api.yaml:12:5 (/components/messages/A): message "A" has an Avro payload');
    expect(error).toBeInstanceOf(Error);
    expect(error.where).toBe(where);
    expect(error.hint).toBe('convert it to JSON Schema');
  });

  it('is just the message when there is no location', () => {
    // why: some errors (an unknown --agent) are about the command line, not a place in the document.
    const error = new GenerationError('unknown agent "x"', undefined, 'valid agents: a, b');
    expect(error.message).toBe('unknown agent "x"');
    expect(error.name).toBe('GenerationError');
  });
});

describe('generationNotes', () => {
  const avroNote = (n: number) =>
    `note: ${n} of the remote schemas are Avro (.avsc); the TypeScript generator supports only JSON Schema and AsyncAPI Schema payloads, so fetching them would not help. Convert them to JSON Schema.`;

  it('adds one note counting the remote $refs to Avro schemas', () => {
    const notes = generationNotes([
      { code: 'remote-ref', message: 'remote $ref https://x.test/schemas/user.avsc is not fetched' },
      { code: 'remote-ref', message: 'remote $ref https://x.test/schemas/Order.AVRO#/x is not fetched' },
      { code: 'remote-ref', message: 'remote $ref https://x.test/schemas/order.json is not fetched' },
    ]);
    // why: fetching would not make an Avro payload generatable; say so once, with how many (2 of the 3 refs).
    expect(notes).toEqual([avroNote(2)]);
  });

  it('adds nothing when no remote $ref is to an Avro schema', () => {
    // why: other catalog errors keep their own advice; an extra note would be wrong.
    expect(generationNotes([])).toEqual([]);
    expect(generationNotes([{ code: 'remote-ref', message: 'remote $ref https://x.test/a.json is not fetched' }])).toEqual([]);
    // why: ".avscx" is not an Avro file; the extension must end there.
    expect(generationNotes([{ code: 'remote-ref', message: 'remote $ref https://x.test/a.avscx is not fetched' }])).toEqual([]);
    // why: an Avro file named in another kind of error is not a remote ref the user could fetch.
    expect(generationNotes([{ code: 'unresolved-ref', message: 'cannot resolve ./local.avsc' }])).toEqual([]);
  });
});
