#!/usr/bin/env node
// Entry point. The compile cache keeps V8's compiled code and the stripped TypeScript on disk, so every start after
// the first skips most of the parsing and compiling of Muster and its dependencies. `npm start` turns it on before
// Node reads this file (NODE_COMPILE_CACHE in package.json), which also spares it loading the TypeScript stripper
// for this file alone; run directly, it is turned on here. The bundled dependencies (decision 0024) spare a start
// resolving and linking some 950 modules.
import module from 'node:module';
import { loadBundledDependencies } from './bundled-dependencies.ts';

module.enableCompileCache?.();
loadBundledDependencies();
await import('./cli.ts');
