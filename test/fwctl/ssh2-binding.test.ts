import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

/**
 * fwctl's download speed (>= 1.0x OpenSSH sftp) and the gateway's rest on ssh2 deciphering in
 * C: its optional binding, which npm builds only because package.json approves it. A lock
 * file or npm change that silently drops the build shows here, not as a slower bench.
 */
describe("ssh2's crypto binding", () => {
  it('is built and loaded', () => {
    const crypto = require('ssh2/lib/protocol/crypto.js') as { bindingAvailable: boolean };
    expect(crypto.bindingAvailable, 'run scripts/setup.sh (npm rebuild ssh2 --foreground-scripts says why it failed)').toBe(true);
  });
});
