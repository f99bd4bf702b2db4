import { createServer, connect, type Socket } from 'node:net';

export interface CountingProxy {
  url: string;
  /** Bytes that crossed the proxy since the last reset: what the browser sent and what it received. */
  counts(): { up: number; down: number };
  reset(): void;
  close(): Promise<void>;
}

/**
 * A TCP relay between the browser and the server that counts every byte on the wire, both ways (HTTP
 * headers, compressed bodies, everything), as a network tap would.
 */
export function countingProxy(target: URL): Promise<CountingProxy> {
  let up = 0;
  let down = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    client.on('data', (chunk: Buffer) => (up += chunk.length));
    upstream.on('data', (chunk: Buffer) => (down += chunk.length));
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}`,
        counts: () => ({ up, down }),
        reset: () => {
          up = 0;
          down = 0;
        },
        close: () =>
          new Promise((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
