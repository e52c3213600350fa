// Writes dist/bin/pcapdump-decode.cache: the V8 code cache of the decoder script after it
// printed the samples, so that the printers a run meets first are in it already compiled.
// Run by scripts/bundle.mjs after it wrote the script.
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = pathToFileURL(join(root, 'dist/bin/'));
const modules = pathToFileURL(join(root, 'dist/cli/'));
const { compileDecoderScript, decoderCacheName, runDecoderScript } = await import(new URL('decoder-script.js', modules).href);
const { openCaptureFile } = await import(pathToFileURL(join(root, 'dist/src/capture/file.js')).href);

const cachePath = fileURLToPath(new URL(decoderCacheName, dir));
rmSync(cachePath, { force: true });
const script = compileDecoderScript(dir, false);
if (script === undefined) throw new Error('dist/bin has no decoder script');
const { Decoder } = runDecoderScript(script, dir);
const samples = join(root, 'samples');
for (const opts of [{}, { verbose: 1 }]) {
  for (const name of readdirSync(samples).filter((n) => n.endsWith('.pcap')).sort()) {
    const decoder = new Decoder(opts);
    const reader = openCaptureFile(join(samples, name));
    try {
      for (let p = reader.next(); p !== null; p = reader.next()) decoder.text(p);
    } finally {
      reader.close();
    }
  }
}
writeFileSync(cachePath, script.createCachedData());
