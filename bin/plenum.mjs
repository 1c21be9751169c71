#!/usr/bin/env node
// The `plenum` command. It runs the TypeScript sources directly through tsx, so that after
// `npm install` the CLI works with no build step, on exactly the code the app uses.
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli/main.ts');
