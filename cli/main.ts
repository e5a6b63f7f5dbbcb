import { parseArgs } from 'node:util';
import { commands } from './commands/index.ts';
import { EXIT_UNUSABLE, UserError, type Command, type Io } from './command.ts';

/**
 * stdout closed early (`evc catalog --format json | head -1`): EPIPE ends the output quietly,
 * the command finishes and exits with its own code. Any other stream error is still thrown.
 */
let stdoutClosed = false;
const onStdoutError = (error: NodeJS.ErrnoException): void => {
  if (error.code !== 'EPIPE') throw error;
  stdoutClosed = true;
};

const processIo = (): Io => {
  if (!process.stdout.listeners('error').includes(onStdoutError)) process.stdout.on('error', onStdoutError);
  return {
    out: (text) => void (stdoutClosed || process.stdout.write(text.endsWith('\n') ? text : `${text}\n`)),
    err: (text) => void process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    cwd: process.cwd(),
    env: process.env,
  };
};

const helpText = (): string =>
  [
    'Usage: evc <command> [options]',
    '',
    'Commands:',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(14)} ${c.summary}`),
    '',
    'Run `evc <command> --help` for the options of one command.',
  ].join('\n');

const commandHelp = (command: Command): string =>
  [
    `Usage: ${command.usage}`,
    '',
    command.summary,
    '',
    'Options:',
    ...Object.entries(command.options).map(
      ([name, o]) => `  --${name.padEnd(20)} ${o.description}${o.default !== undefined ? ` (default: ${String(o.default)})` : ''}`,
    ),
  ].join('\n');

/** Runs one CLI invocation and returns its exit code. Never throws. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText());
    return name ? 0 : EXIT_UNUSABLE;
  }
  const entry = commands[name];
  if (!entry) {
    io.err(`evc: unknown command "${name}". Valid commands: ${Object.keys(commands).join(', ')}.`);
    return EXIT_UNUSABLE;
  }
  try {
    const command = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(commandHelp(command));
      return 0;
    }
    const options = Object.fromEntries(
      Object.entries(command.options).map(([key, o]) => [
        key,
        { type: o.type, ...(o.multiple ? { multiple: true } : {}), ...(o.default !== undefined ? { default: o.default } : {}) },
      ]),
    ) as NonNullable<Parameters<typeof parseArgs>[0]>['options'];
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
    } catch (error) {
      throw new UserError(`evc ${name}: ${(error as Error).message}`, `Run \`evc ${name} --help\` for the valid options.`);
    }
    return await command.run({ positionals: parsed.positionals, values: parsed.values as never }, io);
  } catch (error) {
    if (error instanceof UserError) {
      io.err(error.message);
      if (error.hint) io.err(`hint: ${error.hint}`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`evc ${name}: unexpected error: ${message}`);
    if (io.env.EVC_DEBUG && error instanceof Error && error.stack) io.err(error.stack);
    io.err('hint: this is a bug in evc; rerun with EVC_DEBUG=1 and report the output.');
    return EXIT_UNUSABLE;
  }
}
