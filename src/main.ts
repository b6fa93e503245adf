#!/usr/bin/env node
// Entry point. The compile cache keeps V8's compiled code on disk, so every start after the first
// skips most of the parsing and compiling of Muster and its dependencies.
import module from 'node:module';

module.enableCompileCache?.();
await import('./cli.ts');
