/** A minimal Server-Sent Events reader over fetch, for tests and the benchmark. */
export interface SseMessage {
  id: string | null;
  event: string;
  data: string;
}

export interface SseConnection {
  messages: SseMessage[];
  /** Resolves when `count` messages have arrived in total, or rejects after timeoutMs. */
  waitFor(count: number, timeoutMs?: number): Promise<SseMessage[]>;
  onMessage(listener: (m: SseMessage) => void): void;
  /** Resolves when the server ends the stream (not when close() aborts it). */
  ended: Promise<void>;
  close(): void;
}

export async function connectSse(url: string, headers: Record<string, string> = {}): Promise<SseConnection> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
  if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}: ${await response.text()}`);
  const messages: SseMessage[] = [];
  const listeners: ((m: SseMessage) => void)[] = [];
  let waiters: (() => void)[] = [];
  const ended = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
          const message: SseMessage = { id: null, event: 'message', data: '' };
          let hasData = false;
          for (const line of block.split('\n')) {
            if (line.startsWith('id: ')) message.id = line.slice(4);
            else if (line.startsWith('event: ')) message.event = line.slice(7);
            else if (line.startsWith('data: ')) {
              message.data += (hasData ? '\n' : '') + line.slice(6);
              hasData = true;
            }
          }
          if (!hasData) continue;
          messages.push(message);
          for (const l of listeners) l(message);
          for (const w of waiters) w();
        }
      }
    } catch {
      // aborted
      await new Promise(() => {});
    }
  })();
  return {
    messages,
    onMessage: (l) => listeners.push(l),
    ended,
    waitFor(count, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (messages.length >= count) {
            clearTimeout(timer);
            waiters = waiters.filter((w) => w !== check);
            resolve(messages);
          }
        };
        const timer = setTimeout(
          () => reject(new Error(`only ${messages.length} of ${count} messages after ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push(check);
        check();
      });
    },
    close: () => controller.abort(),
  };
}
