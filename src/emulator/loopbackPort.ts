/** Ports for the emulator: a free one the kernel picks, or a check that the one asked for is free. */
import { createServer } from 'node:net';
import { EmulatorError } from './emulatorErrors';

/** Binds port 0 so the kernel picks a free port, then releases it for the emulator to take. */
export function findFreePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error(`Could not read the port of a socket on ${host}.`));
      });
    });
  });
}

/**
 * Resolves with `port` when nothing listens on it. A port the caller chose must be free:
 * otherwise whatever listens there would answer the readiness probe, and we would hand out an
 * endpoint that is not our emulator.
 */
export function assertPortFree(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new EmulatorError(
              `Cannot start the emulator: port ${port} on ${host} is already in use. Choose another port, or leave it out to get a free one.`,
            )
          : error,
      ),
    );
    server.listen(port, host, () => server.close(() => resolve(port)));
  });
}
