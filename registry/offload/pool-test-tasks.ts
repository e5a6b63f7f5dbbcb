/** Tasks for pool.test.ts: one that never yields (a stand-in for a runaway compile), one that answers, one that fails. */
export const tasks = {
  spin: () => {
    for (;;) {
      // burns CPU synchronously until the pool terminates this worker
    }
  },
  echo: (input: unknown) => input,
  fail: (input: { message: string }) => {
    throw new Error(input.message);
  },
};

export const serializeError = (error: unknown) => ({ kind: 'error', message: (error as Error).message });
