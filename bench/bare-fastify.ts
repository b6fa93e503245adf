// The second floor: a bare Fastify app with nothing but GET /healthz, run beside Muster in the same benchmark, so
// that each operation's cost can be read against the framework itself as well as against Muster's own /healthz.
// Usage: node bench/bare-fastify.ts PORT
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/healthz', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.argv[2]), host: '127.0.0.1' });
process.stdout.write('ready\n');
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
