// After tsc: the bins, dist/bin/pcapdump.js and dist/bin/fwctl.js, each one CommonJS file
// (dist/bin/package.json says so), so that a short run starts without Node's ESM loader and
// without loading dozens of modules: Node's start-up is most of such a run. pcapdump's holds
// the offline tools (`read`, `bpf`); what the console needs stays in dist/ as tsc wrote it,
// loaded from dist/cli/main.js on demand. npm packages are never bundled. Run by `npm run build`.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'dist/bin');

// Files of an earlier build (and of the ESM bundles before dist/bin) would be loaded by nobody.
rmSync(bin, { recursive: true, force: true });
for (const f of readdirSync(join(root, 'dist/cli'))) if (f.startsWith('pcapdump-')) rmSync(join(root, 'dist/cli', f));
mkdirSync(bin);
writeFileSync(join(bin, 'package.json'), '{ "type": "commonjs" }\n');

/**
 * Modules left out of a bin and imported at run time, from dist/bin: the console (main.js)
 * and the decoder's modules (the fallback when its script below is missing).
 */
const loadedApart = {
  name: 'loaded-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\/main\.js$/ }, () => ({ path: '../cli/main.js', external: true }));
    b.onResolve({ filter: /\/decode\/index\.js$/ }, () => ({ path: '../src/decode/index.js', external: true }));
  },
};

for (const name of ['pcapdump', 'fwctl']) {
  const outfile = join(bin, `${name}.js`);
  await build({
    absWorkingDir: root,
    entryPoints: [`dist/cli/${name}.js`],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    plugins: [loadedApart],
    // The one import.meta.url of the offline tools names the directory of the decoder script.
    define: { 'import.meta.url': '__bin_url' },
    banner: { js: 'const __bin_url = require("node:url").pathToFileURL(__filename).href;' },
    legalComments: 'none',
    logLevel: 'warning',
  });
  // Run from PATH (setup.sh links them): executable.
  chmodSync(outfile, 0o755);
  // tsc's ESM entry of the same name is not a bin: gone, so nothing runs it by mistake.
  rmSync(join(root, `dist/cli/${name}.js`));
}

// The decoder as one CommonJS script that `read` compiles with a V8 code cache
// (cli/decoder-script.ts), beside the bin.
await build({
  absWorkingDir: root,
  entryPoints: ['dist/src/decode/index.js'],
  outfile: join(bin, 'pcapdump-decode.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  legalComments: 'none',
  logLevel: 'warning',
});
// Made by this Node in a process of its own (default flags, as `read` runs): another Node refuses it and compiles.
const cache = spawnSync(process.execPath, [join(root, 'scripts/code-cache.mjs')], { stdio: 'inherit' });
if (cache.status !== 0) throw new Error('scripts/code-cache.mjs failed');
