import net from 'node:net';

export interface RawConnection {
  socket: net.Socket;
  /** Everything the server sent so far. */
  received(): string;
  /** Resolves when the server closed the connection, with what it sent and how long after opening it. */
  closed: Promise<{ text: string; afterMs: number }>;
  write(data: string | Buffer): void;
}

/**
 * A plain TCP connection to the server, for what fetch cannot do: send a request in parts, stall, or keep a
 * connection idle, and see when the server closes it.
 */
export function rawConnection(url: string): Promise<RawConnection> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const opened = performance.now();
    let text = '';
    const socket = net.connect(Number(port), hostname);
    const closed = new Promise<{ text: string; afterMs: number }>((done) =>
      socket.once('close', () => done({ text, afterMs: performance.now() - opened })),
    );
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
    });
    socket.once('connect', () => resolve({ socket, received: () => text, closed, write: (data) => void socket.write(data) }));
    socket.on('error', (error) => {
      if (!socket.connecting) return; // a reset after the connection opened shows as `closed`
      reject(error);
    });
  });
}

/** Resolves with `promise`'s value, or with `fallback` after ms. */
export function within<T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  return Promise.race([promise, new Promise<F>((resolve) => setTimeout(() => resolve(fallback), ms).unref())]);
}
