import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The page's own files (src/web/static: HTML, the script modules, the style sheet), found
 * beside this module when it runs from source, or in the source tree when it runs built
 * (dist/src/web): the build compiles TypeScript only, the page needs no build step.
 */
export function staticDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const dir of [join(here, 'static'), join(here, '..', '..', '..', 'src', 'web', 'static')]) {
    if (existsSync(join(dir, 'index.html'))) return dir;
  }
  throw new Error(`the page's files (src/web/static) are not beside ${here}`);
}

/** The browser modules the page imports by bare name, as the import map in index.html names them. */
const VENDOR: Record<string, string> = {
  'preact.mjs': 'preact',
  'hooks.mjs': 'preact/hooks',
  'htm.mjs': 'htm',
};

/** preact and htm's ES module builds, from their packages (their CommonJS entry's sibling .mjs). */
export function vendorFiles(): Map<string, Buffer> {
  const require = createRequire(import.meta.url);
  const files = new Map<string, Buffer>();
  for (const [served, pkg] of Object.entries(VENDOR)) {
    const cjs = require.resolve(pkg);
    files.set(served, readFileSync(cjs.replace(/\.js$/, '.mjs')));
  }
  return files;
}

/**
 * The inline import map's hash, for the Content-Security-Policy: every other script comes
 * from this origin, and only that one inline script runs.
 */
export function importMapHash(indexHtml: string): string {
  const m = /<script type="importmap">([\s\S]*?)<\/script>/.exec(indexHtml);
  if (!m) throw new Error('index.html has no import map');
  return `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`;
}
