// Runs after `npm install` in this repository: builds the renderer once, so that `npm start`,
// `plenum serve` and the e2e tests start at once. It never fails the install: if the build
// fails here, `plenum serve` builds (and reports) again on first use.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

if (!fs.existsSync('renderer/vite.config.ts') || process.env.PLENUM_SKIP_PREPARE === '1') process.exit(0);
const result = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
if (result.status !== 0) console.warn('plenum: the interface build failed; `plenum serve` will retry and report the error.');
