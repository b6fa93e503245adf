// The server's memory after each phase of `npm run bench` (issue 15, storm memory): where the RSS is when the
// storm begins. RSS from /proc/<pid>/smaps by kind of mapping, V8's view from the server's own /metrics.
import fs from 'node:fs';

export interface PhaseMemory {
  phase: string;
  rssMb: number;
  /** The C allocator's main arena (`[heap]`): SQLite's page caches, Buffers' memory, the allocator's free lists. */
  mallocMb: number;
  /** Anonymous mappings: V8's heap pages, large allocations and other arenas. */
  anonMb: number;
  /** Mapped files: the node binary and libraries. */
  fileMb: number;
  heapUsedMb: number | null;
  heapTotalMb: number | null;
  externalMb: number | null;
}

const mb = (kb: number) => kb / 1024;

function smaps(pid: number): { rss: number; malloc: number; anon: number; file: number } | null {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/smaps`, 'utf8');
  } catch {
    return null;
  }
  const sums = { rss: 0, malloc: 0, anon: 0, file: 0 };
  let kind: 'malloc' | 'anon' | 'file' = 'anon';
  for (const line of text.split('\n')) {
    const header = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) {
      const name = header[1];
      kind = name === '[heap]' ? 'malloc' : name === '' || name.startsWith('[') ? 'anon' : 'file';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) {
      sums.rss += Number(rss[1]);
      sums[kind] += Number(rss[1]);
    }
  }
  return sums;
}

async function heapOf(origin: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  try {
    const text = await (await fetch(`${origin}/metrics`)).text();
    for (const line of text.split('\n')) {
      const m = /^muster_nodejs_(heap_size_used_bytes|heap_size_total_bytes|external_memory_bytes)\s+(\S+)/.exec(line);
      if (m) out[m[1]] = Number(m[2]) / 2 ** 20;
    }
  } catch {
    // the figures stay unknown
  }
  return out;
}

/**
 * A full garbage collection in the server, through its inspector (the server started with --inspect on that
 * port): what stays afterwards is retained, the rest was garbage not yet collected.
 */
export async function collectGarbage(inspectPort: number): Promise<void> {
  const [target] = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise<void>((resolve, reject) => {
    socket.onerror = () => reject(new Error('the inspector did not answer'));
    socket.onopen = () => socket.send(JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' }));
    socket.onmessage = (event) => {
      if ((JSON.parse(String(event.data)) as { id?: number }).id === 1) resolve();
    };
  });
  socket.close();
  // V8 gives freed pages back to the system a little after the collection.
  await new Promise((resolve) => setTimeout(resolve, 1000));
}

/** The server's memory now, labelled with the phase just finished. */
export async function phaseMemory(pid: number, origin: string, phase: string): Promise<PhaseMemory | null> {
  const heap = await heapOf(origin);
  const s = smaps(pid);
  if (!s) return null;
  return {
    phase,
    rssMb: mb(s.rss),
    mallocMb: mb(s.malloc),
    anonMb: mb(s.anon),
    fileMb: mb(s.file),
    heapUsedMb: heap.heap_size_used_bytes ?? null,
    heapTotalMb: heap.heap_size_total_bytes ?? null,
    externalMb: heap.external_memory_bytes ?? null,
  };
}

export function describePhaseMemory(m: PhaseMemory): string {
  const f = (v: number | null) => (v === null ? '?' : v.toFixed(0));
  return `RSS ${f(m.rssMb)} MB after ${m.phase} (malloc ${f(m.mallocMb)}, anonymous ${f(m.anonMb)}, files ${f(m.fileMb)}; V8 heap ${f(m.heapUsedMb)}/${f(m.heapTotalMb)}, external ${f(m.externalMb)})`;
}

/** The phases as a Markdown table. */
export function phaseMemoryTable(phases: PhaseMemory[]): string {
  const f = (v: number | null) => (v === null ? '?' : v.toFixed(0));
  return [
    '| after | RSS MB | malloc `[heap]` | anonymous | files | V8 heap used / total | external |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...phases.map(
      (m) =>
        `| ${m.phase} | ${f(m.rssMb)} | ${f(m.mallocMb)} | ${f(m.anonMb)} | ${f(m.fileMb)} | ${f(m.heapUsedMb)} / ${f(m.heapTotalMb)} | ${f(m.externalMb)} |`,
    ),
  ].join('\n');
}
