// One job per process (run-in-child-process.ts): import the module, run the function, send back its result, end.
// A server that went away wants no answer: stop at once.
process.once('disconnect', () => process.exit(0));
process.once('message', async ({ module, exportName, input }: { module: string; exportName: string; input: unknown }) => {
  let answer: { bytes: Uint8Array } | { error: string };
  try {
    const run = (await import(module))[exportName] as (input: unknown) => Promise<Uint8Array> | Uint8Array;
    answer = { bytes: await run(input) };
  } catch (error) {
    answer = { error: error instanceof Error ? error.message : String(error) };
  }
  process.send?.(answer, () => process.disconnect());
});
