import { createMemoryTransport } from './memory-transport.ts';
import { describeTransportSuite } from '#test/faults/support/transport-suite.ts';

describeTransportSuite('in-memory', async () => {
  const transport = createMemoryTransport({ prefix: 'mem' });
  // A "restart" in memory is a new subscriber on the same broker object.
  return { transport, reconnect: async () => transport, cleanup: () => transport.close() };
});
