#!/usr/bin/env node
import { offline } from './offline.js';

/**
 * pcapdump. The offline tools (`read`, `bpf`) start first and load nothing but their own
 * code: they are run over and over from scripts, where Node's start-up is most of their
 * time. `npm run build` bundles this file and theirs into one CommonJS file, dist/bin/pcapdump.js
 * (scripts/bundle.mjs), the packet printers apart for when `read` prints; the console, the
 * service and the gateway load from dist/cli/main.js when asked for.
 */
const argv = process.argv.slice(2);
// No top-level await: the bundle is CommonJS (Node starts a CommonJS entry without its ESM
// loader, 3-4 ms sooner). A rejection ends the process as an uncaught one would.
const run = argv[0] === 'read' || argv[0] === 'bpf' ? offline(argv) : import('./main.js').then((m) => m.main(argv));
run.catch((err: unknown) => {
  throw err;
});
