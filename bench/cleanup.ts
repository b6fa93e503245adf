// Undo everything the benchmark set up (server processes, temp folders, databases), in reverse order,
// also when the run fails or is interrupted with Ctrl-C.

type Step = { label: string; run: () => Promise<void> | void };

const steps: Step[] = [];
let running: Promise<void> | null = null;

/** Registers an undo step; the returned function runs it now (once) and unregisters it. */
export function onCleanup(label: string, run: () => Promise<void> | void): () => Promise<void> {
  const step: Step = { label, run };
  steps.push(step);
  return async () => {
    const i = steps.indexOf(step);
    if (i === -1) return;
    steps.splice(i, 1);
    await runStep(step);
  };
}

async function runStep(step: Step): Promise<void> {
  try {
    await step.run();
  } catch (error) {
    console.error(`Clean-up "${step.label}" failed: ${(error as Error).message}`);
  }
}

/** Runs every registered step, newest first. Calls made while it runs share it; later calls run new steps. */
export function cleanupAll(): Promise<void> {
  running ??= (async () => {
    while (steps.length > 0) await runStep(steps.pop()!);
  })().finally(() => {
    running = null;
  });
  return running;
}

let installed = false;
let interrupted = false;
/** On SIGINT/SIGTERM: clean up, then exit with 130/143. A second signal exits at once. */
export function installSignalHandlers(): void {
  if (installed) return;
  installed = true;
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.on(signal, () => {
      if (interrupted) {
        console.error(`\n${signal} again: exiting without finishing the clean-up`);
        process.exit(code);
      }
      interrupted = true;
      console.error(`\n${signal}: cleaning up…`);
      cleanupAll().finally(() => process.exit(code));
    });
  }
}

/** Runs a standalone bench script's main: its exit code (1 on a throw), then every cleanup registered. */
export function runStandalone(main: () => Promise<number | undefined>): void {
  main()
    .then(
      (code) => {
        process.exitCode = code ?? 0;
      },
      (error) => {
        console.error(error);
        process.exitCode = 1;
      },
    )
    .finally(() => cleanupAll());
}
