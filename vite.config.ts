import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
const server = process.env.MUSTER_API ?? 'http://127.0.0.1:8080';

// The dev server forwards the API to a running Muster; the Origin header is dropped because the
// server checks it against its own address (cross-site protection) and the dev port differs.
const proxy = {
  target: server,
  changeOrigin: true,
  configure: (p: { on: (event: 'proxyReq', fn: (req: { removeHeader(name: string): void }) => void) => void }) => {
    p.on('proxyReq', (req) => req.removeHeader('origin'));
  },
};

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Writes a .br and a .gz beside every text asset of the build, at the highest levels (the server sends them with
 * @fastify/static's `preCompressed`): compressing once here costs seconds, compressing on each request would cost
 * CPU on every first load. Source maps are left alone (only developer tools fetch them), and so is any file that
 * compression would not make smaller.
 */
function precompress(): Plugin {
  const compressible = /\.(js|css|html|svg|json|txt)$/;
  return {
    name: 'muster-precompress',
    apply: 'build',
    async writeBundle(options) {
      const dir = options.dir;
      if (!dir) return;
      const files = (await fs.readdir(dir, { recursive: true })).map((file) => path.join(dir, file));
      await Promise.all(
        files
          .filter((file) => compressible.test(file))
          .map(async (file) => {
            const content = await fs.readFile(file);
            if (content.length < 1024) return;
            const [br, gz] = await Promise.all([
              brotli(content, {
                params: {
                  // Level 11 takes seconds per MB; past 1 MB (only the lazily loaded password dictionaries) it
                  // saved 6 % over level 5 for 20 times the build time.
                  [zlib.constants.BROTLI_PARAM_QUALITY]: content.length > 1024 * 1024 ? 5 : 11,
                  [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length,
                },
              }),
              gzip(content, { level: 9 }),
            ]);
            if (br.length < content.length) await fs.writeFile(`${file}.br`, br);
            if (gz.length < content.length) await fs.writeFile(`${file}.gz`, gz);
          }),
      );
    },
  };
}

export default defineConfig({
  root: 'src/web',
  plugins: [react(), precompress()],
  build: {
    outDir: `${repoRoot}dist/web`,
    emptyOutDir: true,
    sourcemap: true,
    // The precompress plugin writes the real compressed files; Vite's own gzip estimate would only add time.
    reportCompressedSize: false,
    // Only the password-strength dictionaries pass 500 kB, on purpose and never in the first load.
    chunkSizeWarningLimit: 1700,
    // Libraries change less often than our code: separate chunks stay cached across releases.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            { name: 'mantine', test: /node_modules[\\/](@mantine|@floating-ui|react-remove-scroll|react-number-format)/ },
            {
              name: 'markdown',
              test: /node_modules[\\/](react-markdown|remark-|rehype-|micromark|mdast-|hast-|unist-|unified|vfile)/,
            },
            // The password-strength dictionaries (~1.5 MB) are fetched only by the pages that set a password.
            { name: 'password-strength', test: /node_modules[\\/]@zxcvbn-ts[\\/]/ },
            { name: 'vendor', test: /node_modules/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': proxy,
      '/healthz': proxy,
    },
  },
});
