import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

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

export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: {
    outDir: `${repoRoot}dist/web`,
    emptyOutDir: true,
    sourcemap: true,
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
