#!/usr/bin/env node
// The `phusong` command: runs the TypeScript CLI through tsx so the CLI shares src/core with the app.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
