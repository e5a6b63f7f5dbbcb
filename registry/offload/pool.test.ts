import { afterAll, describe, expect, it } from 'vitest';
import { WorkerPool } from './pool.ts';

class Timeout extends Error {}
class Crash extends Error {}

const pool = new WorkerPool({
  tasks: new URL('./pool-test-tasks.ts', import.meta.url),
  deserializeError: (e) => new Error(`from worker: ${e.message}`),
  onCrash: (message) => new Crash(message),
  size: 2,
});
afterAll(() => pool.close());

const limits = (timeoutMs: number) => ({ timeoutMs, onTimeout: () => new Timeout(`over ${timeoutMs} ms`) });

describe('WorkerPool', () => {
  it('runs a task in a worker and returns its result', async () => {
    // why: results cross the thread boundary as structured clones.
    expect(await pool.run('echo', { a: [1, 'two'] }, limits(60_000))).toEqual({ a: [1, 'two'] });
  }, 90_000);

  it('stops a task that runs over its time limit, while the event loop and the other worker keep going', async () => {
    const ticks: number[] = [];
    const timer = setInterval(() => ticks.push(performance.now()), 20);
    const started = performance.now();
    const spinning = pool.run('spin', {}, limits(1500)).then(() => 'finished', (error: unknown) => error);
    const other = pool.run('echo', 'still served', limits(60_000));
    // why: a runaway task must not hold up other requests.
    expect(await other).toBe('still served');
    expect(await spinning).toBeInstanceOf(Timeout);
    clearInterval(timer);
    const elapsed = performance.now() - started;
    // why: the time limit is enforced by terminating the worker (synchronous JS cannot be interrupted otherwise).
    expect(elapsed).toBeGreaterThanOrEqual(1400);
    // why: the request thread's timers kept firing while the worker spun.
    expect(ticks.length).toBeGreaterThan(10);
    // why: the pool replaces the terminated worker on demand.
    expect(await pool.run('echo', 'after', limits(60_000))).toBe('after');
  }, 120_000);

  it('passes task errors back through deserializeError', async () => {
    await expect(pool.run('fail', { message: 'bad input' }, limits(60_000))).rejects.toThrow('from worker: bad input');
  }, 90_000);

  it('refuses work after close', async () => {
    const closed = new WorkerPool({ tasks: new URL('./pool-test-tasks.ts', import.meta.url), deserializeError: (e) => new Error(e.message), onCrash: (m) => new Crash(m) });
    await closed.close();
    await expect(closed.run('echo', 1, limits(1000))).rejects.toThrow(/closed/);
  });
});
