/**
 * What `evc serve` (`npm start`) prints while it starts: one line per step as it completes,
 * with the time it took, so a slow first start is never silent. And the port check that runs
 * before anything touches the data directory, so a busy port is reported at once.
 * Kept apart from serve.ts so the command stays a thin edge.
 */
import { createServer } from 'node:net';
import type { Io } from './command.ts';

/** The steps `startServer` reports (registry/server.ts `onStep`), in order. */
export type StartupStep = 'database' | 'migrations' | 'bootstrap' | 'listening';

export interface StepReporter {
  /** Prints `  ✓ <text> (<ms since the previous step>)`. */
  done(text: string): void;
}

export function stepReporter(io: Pick<Io, 'out'>, now: () => number = () => performance.now()): StepReporter {
  let last = now();
  return {
    done(text) {
      const t = now();
      io.out(`  ✓ ${text} (${Math.round(t - last)} ms)`);
      last = t;
    },
  };
}

/**
 * Resolves when `host:port` can be bound, else throws the listen error (EADDRINUSE,
 * EACCES). Port 0 always binds. A probe, not a reservation: the real listen can still lose
 * a race, and `evc serve` reports that the same way.
 */
export function probePort(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}
