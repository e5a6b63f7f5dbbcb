import { describe, expect, it } from 'vitest';
import { runCli } from './test-io.ts';

describe('evc dispatcher', () => {
  it('lists the valid commands when the command is unknown, and exits 2', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code, 'unknown command is a usage error').toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"');
    expect(r.stderr, 'the message names the valid commands').toContain('lint');
  });
  it('prints help with exit 0 on --help', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: evc <command>');
  });
});
