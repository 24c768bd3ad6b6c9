#!/usr/bin/env node
/**
 * CLI entry: starts dist/cli-main.js (src/cli-main.ts); `diff` and `simulate`, which plan a query
 * corpus, under the memory flags of src/io/launch.ts on Node 24.
 */
import { launch } from './io/launch.js';

const command = process.argv[2];
await launch(new URL('./cli-main.js', import.meta.url), command === 'diff' || command === 'simulate');
