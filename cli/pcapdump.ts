#!/usr/bin/env node
import { offline } from './offline.js';

/**
 * pcapdump. The offline tools (`read`, `bpf`) start first and load nothing but their own
 * code: they are run over and over from scripts, where Node's start-up is most of their
 * time. `npm run build` bundles this file and theirs into one (scripts/bundle.mjs), the
 * packet printers apart for when `read` prints; the console, the service and the gateway
 * load from main.js when asked for.
 */
const argv = process.argv.slice(2);
if (argv[0] === 'read' || argv[0] === 'bpf') await offline(argv);
else await (await import('./main.js')).main(argv);
