/**
 * A probe loop: GET one URL back to back (with a 10 ms pause) until stopped, recording each
 * latency. A server whose event loop is blocked shows as one slow probe as long as the stall.
 */
export interface ProbeResult {
  count: number;
  failures: number;
  slowest: number;
  summary: string;
}

export function startProbe(url: string): { stop(): Promise<ProbeResult> } {
  const latencies: number[] = [];
  let failures = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const res = await fetch(url);
        await res.arrayBuffer();
        if (res.status !== 200) failures++;
      } catch {
        failures++;
      }
      latencies.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const sorted = [...latencies].sort((a, b) => a - b);
      const at = (q: number) => (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(0);
      return { count: latencies.length, failures, slowest: sorted.at(-1) ?? 0, summary: `n=${latencies.length} p50=${at(0.5)} p90=${at(0.9)} max=${at(1)} ms` };
    },
  };
}
