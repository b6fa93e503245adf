import { createServer, type IncomingHttpHeaders } from 'node:http';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as received (signatures are computed over these bytes). */
  body: string;
}

/** A status to answer with, or 'hang' to read the request and never answer. */
export type RecorderReply = { status: number; body?: string; headers?: Record<string, string> } | 'hang';

export interface HttpRecorder {
  /** http://127.0.0.1:PORT */
  url: string;
  requests: RecordedRequest[];
  /** What the next requests get; may be changed between requests. */
  reply: RecorderReply;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 that records every request, for webhook tests. */
export async function startHttpRecorder(reply: RecorderReply = { status: 200, body: 'ok' }): Promise<HttpRecorder> {
  const requests: RecordedRequest[] = [];
  const recorder = { reply };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const answer = recorder.reply;
      if (answer === 'hang') return;
      res.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get reply() {
      return recorder.reply;
    },
    set reply(value: RecorderReply) {
      recorder.reply = value;
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive and hanging requests would otherwise hold close() open.
        server.closeAllConnections();
      });
    },
  };
}
