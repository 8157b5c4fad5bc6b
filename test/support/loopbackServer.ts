import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A test server listening on a free loopback port, closable at once even with keep-alive sockets open. */
export interface ListeningServer {
  readonly endpoint: string;
  close(): Promise<void>;
}

export async function listenOnLoopback(server: Server): Promise<ListeningServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

/** The endpoint of a loopback port that nothing listens on: bound, then released. */
export async function unreachableLoopbackEndpoint(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
