// Fails on import cycles, barrel files (ARCHITECTURE.md, convention 8) and production code that imports
// test support (src/server/testing/ is only for tests, bench and e2e).
import fs from 'node:fs';
import path from 'node:path';

const roots = ['src', 'bench', 'e2e', 'scripts'];
const files = roots
  .flatMap((root) =>
    fs.existsSync(root) ? (fs.readdirSync(root, { recursive: true }) as string[]).map((f) => path.join(root, f)) : [],
  )
  .filter((f) => /\.tsx?$/.test(f));

const importPattern = /^\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]/gm;
const graph = new Map<string, string[]>();
const problems: string[] = [];
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  const deps = [...text.matchAll(importPattern)].map((m) => path.join(path.dirname(file), m[1]));
  graph.set(
    file,
    deps.filter((d) => files.includes(d)),
  );
  const isSupport =
    /\.test\.tsx?$/.test(file) || !file.startsWith('src') || file.startsWith(path.join('src', 'server', 'testing'));
  for (const dep of deps)
    if (!isSupport && dep.startsWith(path.join('src', 'server', 'testing')))
      problems.push(`production code imports test support: ${file} → ${dep}`);
  if (/^index\.tsx?$/.test(path.basename(file)) && /^\s*export \* from/m.test(text)) problems.push(`barrel file: ${file}`);
  problems.push(...feedDirection(file, deps));
}

/**
 * Feeders feed triage in one direction (docs/architecture.md): alerts and intake reach triage only through its
 * entry point, and triage never reaches into alerts. Production code only; tests may set up what they need.
 */
function feedDirection(file: string, deps: string[]): string[] {
  if (!file.startsWith(path.join('src', 'server')) || /\.test\.tsx?$/.test(file)) return [];
  const triage = path.join('src', 'server', 'triage');
  const entry = path.join(triage, 'feed-triage.ts');
  const feeders = ['alerts', 'intake'].map((d) => path.join('src', 'server', d) + path.sep);
  const out: string[] = [];
  for (const dep of deps) {
    if (feeders.some((f) => file.startsWith(f)) && dep.startsWith(triage + path.sep) && dep !== entry)
      out.push(`a feeder reaches into triage past its entry point (${entry}): ${file} → ${dep}`);
    if (file.startsWith(triage + path.sep) && dep.startsWith(path.join('src', 'server', 'alerts') + path.sep))
      out.push(`triage reads the alerts domain (it asks through AlertsForTriage instead): ${file} → ${dep}`);
  }
  return out;
}

const state = new Map<string, 'visiting' | 'done'>();
function visit(file: string, trail: string[]): void {
  if (state.get(file) === 'done') return;
  if (state.get(file) === 'visiting') {
    problems.push(`import cycle: ${[...trail.slice(trail.indexOf(file)), file].join(' → ')}`);
    return;
  }
  state.set(file, 'visiting');
  for (const dep of graph.get(file) ?? []) visit(dep, [...trail, file]);
  state.set(file, 'done');
}
for (const file of graph.keys()) visit(file, []);

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`imports: ${files.length} files, no cycles, no barrels`);
