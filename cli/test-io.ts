import type { Io } from './command.ts';
import { main } from './main.ts';

/** Runs the CLI in-process with captured output, for tests. */
export async function runCli(argv: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    out: (t) => void (stdout += t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => void (stderr += t.endsWith('\n') ? t : `${t}\n`),
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, ...options.env },
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
