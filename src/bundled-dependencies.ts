// Start-up time (decision 0024). TypeBox and Kysely ship as about 950 small ES modules, and Node resolves, reads
// and links each one: about a fifth of a start. After a server's first start, a child process bundles them with
// rolldown (the bundler Vite uses) into a few files under node_modules/.cache/muster/, and every later start loads
// those through a resolve hook instead. Without them (the first start, a read-only node_modules, a failed build)
// Muster loads the packages as installed: the bundles only save time, and never change what runs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import module from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Bundled, each with every entry point its package.json exports: one bundle, so that they share their state. */
const PACKAGES = ['typebox', 'kysely'];

/** Raised whenever the way of bundling changes, so that bundles made the old way are left alone. */
const FORMAT = 2;

/** How long an unfinished build is taken to be still under way; after that it is taken to have died. */
const BUILD_WINDOW_MS = 60_000;

const MANIFEST = 'manifest.json';

/** What a bundle folder holds: the file of each specifier, and every file the build wrote. */
interface Manifest {
  entries: Record<string, string>;
  files: string[];
}

function packageJson(name: string): { version: string; exports?: Record<string, unknown> } {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8'));
}

/** The folder of the bundles of the installed versions: an install of other versions gets a folder of its own. */
export function bundleFolder(): string {
  const versions = PACKAGES.map((name) => `${name}@${packageJson(name).version}`).join('+');
  return path.join(ROOT, 'node_modules', '.cache', 'muster', 'bundles', `${versions}+${FORMAT}`);
}

/**
 * Loads the bundled packages from `folder` when it holds a whole bundle: every import of them (and of their
 * exported subpaths) resolves to the bundle's file. Answers whether it does; never throws.
 */
export function loadBundledDependencies(folder = bundleFolder()): boolean {
  const manifest = wholeBundle(folder);
  if (!manifest) return false;
  const urls = new Map(
    Object.entries(manifest.entries).map(([specifier, file]) => [specifier, pathToFileURL(path.join(folder, file)).href]),
  );
  module.registerHooks({
    resolve(specifier, context, nextResolve) {
      const url = urls.get(specifier);
      return url ? { url, shortCircuit: true } : nextResolve(specifier, context);
    },
  });
  return true;
}

/**
 * The manifest of the bundle in `folder` when every file it names is there; null when there is none, and when it
 * lost a file or its manifest is unreadable: then it is dropped, so that the next start builds it anew.
 */
function wholeBundle(folder: string): Manifest | null {
  let text: string;
  try {
    text = fs.readFileSync(path.join(folder, MANIFEST), 'utf8');
  } catch {
    return null;
  }
  try {
    const manifest = JSON.parse(text) as Manifest;
    const present = new Set(fs.readdirSync(folder));
    if ([...manifest.files, ...Object.values(manifest.entries)].every((file) => present.has(file))) return manifest;
  } catch {}
  try {
    fs.rmSync(folder, { recursive: true, force: true });
  } catch {}
  return null;
}

/** Starts the bundling in a child process of its own, unless the bundle is there or a build is under way. */
export function bundleDependenciesInTheBackground(folder = bundleFolder()): void {
  if (fs.existsSync(path.join(folder, MANIFEST)) || buildUnderWay(folder)) return;
  const child = spawn(process.execPath, [import.meta.filename, 'bundle', folder], { cwd: ROOT, stdio: 'ignore', detached: true });
  child.once('error', () => {});
  child.unref();
}

function buildUnderWay(folder: string): boolean {
  const parent = path.dirname(folder);
  const prefix = `${path.basename(folder)}.`;
  if (!fs.existsSync(parent)) return false;
  return fs
    .readdirSync(parent)
    .some((name) => name.startsWith(prefix) && Date.now() - fs.statSync(path.join(parent, name)).mtimeMs < BUILD_WINDOW_MS);
}

/** Every specifier a package exports for `import`: the package's name, and its name with each subpath. */
function entryPoints(name: string): string[] {
  const exports = packageJson(name).exports ?? { '.': null };
  return Object.keys(exports).map((key) => (key === '.' ? name : `${name}/${key.replace(/^\.\//, '')}`));
}

/**
 * Bundles the packages into `folder`: built beside it, then renamed into place with its manifest, so that a start
 * finds a whole bundle or none. When two builds race, the first to finish stays.
 */
export async function bundleDependencies(folder: string): Promise<void> {
  fs.mkdirSync(path.dirname(folder), { recursive: true });
  const work = fs.mkdtempSync(`${folder}.`);
  try {
    const specifiers = PACKAGES.flatMap(entryPoints);
    const fileOf = (specifier: string) => specifier.replaceAll('/', '__');
    const { build } = await import('rolldown');
    const { output } = await build({
      input: Object.fromEntries(specifiers.map((specifier) => [fileOf(specifier), specifier])),
      cwd: ROOT,
      platform: 'node',
      logLevel: 'silent',
      output: { dir: work, format: 'esm', entryFileNames: '[name].mjs', chunkFileNames: 'shared-[hash].mjs' },
    });
    const manifest: Manifest = {
      entries: Object.fromEntries(specifiers.map((specifier) => [specifier, `${fileOf(specifier)}.mjs`])),
      files: output.map((file) => file.fileName),
    };
    fs.writeFileSync(path.join(work, MANIFEST), JSON.stringify(manifest, null, 2));
    try {
      fs.renameSync(work, folder);
    } catch (error) {
      if (!fs.existsSync(path.join(folder, MANIFEST))) throw error;
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

// `node src/bundled-dependencies.ts bundle [folder]`: builds the bundle, unless it is there.
if (import.meta.main && process.argv[2] === 'bundle') {
  const folder = process.argv[3] ?? bundleFolder();
  if (!fs.existsSync(path.join(folder, MANIFEST))) await bundleDependencies(folder);
}
