import pino, { type DestinationStream, type Logger } from 'pino';
import { redactUrls } from './redact.ts';

// The log is read by more people, and kept longer, than anything it could quote: it never carries a webhook
// URL (an error of a failed delivery may quote one) nor the key of a signed link in a request's path.

/** `/ack/<token>` → `/ack/…` (also `/answer/`, `/check/`), `?token=…` → `?token=…`: the path of a request without the keys it carries. */
export function logUrl(url: string): string {
  return url.replace(/^\/(ack|answer|check)\/[^/?#]+/, '/$1/…').replace(/([?&](?:token|key|sig|signature)=)[^&#]*/gi, '$1…');
}

/** The process's logger: pino, with requests and errors serialized without secrets. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      serializers: {
        req: (req: { method?: string; url?: string; host?: string; ip?: string; socket?: { remotePort?: number } }) => ({
          method: req.method,
          url: req.url === undefined ? undefined : logUrl(req.url),
          host: req.host,
          remoteAddress: req.ip,
          remotePort: req.socket?.remotePort,
        }),
        err: (err: Error) => {
          const shown = pino.stdSerializers.err(err);
          return { ...shown, message: redactUrls(shown.message ?? ''), stack: redactUrls(shown.stack ?? '') };
        },
      },
    },
    destination,
  );
}
