import { randomUUID } from 'node:crypto';
import { connectNatsTransport } from './nats-transport.ts';
import type { NatsTransport } from './nats-transport.ts';
import { describeTransportSuite } from '#test/faults/support/transport-suite.ts';

const servers = process.env.NATS_URL;

describeTransportSuite(
  'NATS JetStream',
  async () => {
    const prefix = `evct${randomUUID().slice(0, 8)}`;
    // A short ack wait: a subscriber that finds unacked messages waits one ack wait first.
    const transport = await connectNatsTransport({ servers: servers!, prefix, ackWaitMs: 2000 });
    const others: NatsTransport[] = [];
    return {
      transport,
      reconnect: async () => {
        const t = await connectNatsTransport({ servers: servers!, prefix, ackWaitMs: 2000 });
        others.push(t);
        return t;
      },
      cleanup: async () => {
        await transport.deleteStream();
        for (const t of others) await t.close();
        await transport.close();
      },
    };
  },
  { skip: !servers },
);
