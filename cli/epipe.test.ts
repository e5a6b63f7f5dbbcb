/**
 * A closed stdout ends a command quietly: `evc catalog --format json | head -1` used to end
 * with an unhandled EPIPE stack trace and exit 1. Now the command finishes, prints nothing on
 * stderr, and exits with its own code.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '#catalog/bundled.ts';

const run = promisify(execFile);

describe('closed stdout (EPIPE)', () => {
  it('evc catalog --format json | head -c 1 ends quietly with exit 0', async () => {
    const [command, code] = ['catalog --format json', 0];
    // The catalog JSON (~230 KB) is far larger than a pipe buffer, so the write hits a closed pipe.
    const { stdout, stderr } = await run('bash', ['-c', `node bin/evc.js ${command} | head -c 1 >/dev/null; echo "exit=\${PIPESTATUS[0]}"`], { cwd: repoRoot });
    // why: the exit code is the command's own, not the crash's 1.
    expect(stdout.trim()).toBe(`exit=${code}`);
    expect(stderr, 'no stack trace, nothing on stderr').toBe('');
  }, 60_000);
});
