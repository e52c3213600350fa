// After tsc: bundles dist/cli/pcapdump.js with the offline tools (`read`, `bpf`) into that one
// file, so that they start without loading dozens of modules (Node's start-up is most of a
// short run). What the console needs stays in dist/ as tsc wrote it, loaded from main.js on
// demand; npm packages are never bundled. Run by `npm run build`.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = 'dist/cli/pcapdump.js';
const outdir = join(root, 'dist/cli');
/** What `read` loads only when it prints (the decoder) goes in chunks of this name. */
const chunkPrefix = 'pcapdump-chunk-';

// Chunks of an earlier build have other hashes: they would pile up.
for (const f of readdirSync(outdir)) if (f.startsWith(chunkPrefix)) rmSync(join(outdir, f));

/** main.js (everything but the offline tools) is loaded at run time, never bundled. */
const mainStaysApart = {
  name: 'main-stays-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\/main\.js$/ }, (args) => ({ path: args.path, external: true }));
  },
};

await build({
  absWorkingDir: root,
  entryPoints: [entry],
  outdir,
  entryNames: '[name]',
  chunkNames: `${chunkPrefix}[hash]`,
  splitting: true,
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  plugins: [mainStaysApart],
  legalComments: 'none',
  logLevel: 'warning',
});

// The bin entry is run from PATH (setup.sh links it): a rewritten file must stay executable.
chmodSync(join(root, entry), 0o755);

// The decoder once more, as one CommonJS script that `read` compiles with a V8 code cache
// (cli/decoder-script.ts): the chunk above is kept for when the script is missing.
await build({
  absWorkingDir: root,
  entryPoints: ['dist/src/decode/index.js'],
  outfile: join(outdir, 'pcapdump-decode.cjs'),
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
