#!/usr/bin/env node
// Entry point. The compile cache keeps V8's compiled code on disk, so every start after the first
// skips most of the parsing and compiling of Muster and its dependencies; the bundled dependencies
// (decision 0024) spare it resolving and linking some 950 of their modules.
import module from 'node:module';
import { loadBundledDependencies } from './bundled-dependencies.ts';

module.enableCompileCache?.();
loadBundledDependencies();
await import('./cli.ts');
