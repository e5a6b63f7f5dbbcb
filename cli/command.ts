/**
 * A CLI command declared as data (as in citty): its name, options and one `run`.
 * Every command reads its inputs, builds a plan with pure functions, then applies it.
 * Exit codes are shared by all commands: 0 ok, 1 check failed, 2 usage or input error.
 */
export type OptionSpec = {
  type: 'string' | 'boolean';
  description: string;
  default?: string | boolean;
  multiple?: boolean;
};

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Working directory used to resolve relative paths (tests pass a temp dir). */
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface ParsedArgs {
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: Record<string, OptionSpec>;
  run(args: ParsedArgs, io: Io): Promise<number>;
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_UNUSABLE = 2;

/**
 * An error the user can act on: it says what went wrong, where, and what to do next.
 * The CLI prints `message` (and `hint`) without a stack trace and exits 2.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    readonly exitCode: number = EXIT_UNUSABLE,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export const defineCommand = (command: Command): Command => command;
