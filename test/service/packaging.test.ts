import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildMissing, haveBuild, pcapdumpJs, projectRoot } from '../support/cli.js';
import { haveTool, run } from '../support/referee.js';

const usable = haveBuild && haveTool('systemd-analyze');
if (!haveTool('systemd-analyze')) console.log('systemd-analyze not installed: the unit file is not verified');
if (!haveBuild) console.log(buildMissing);
const dir = mkdtempSync(join(tmpdir(), 'pcapdump-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!usable)('packaging/pcapdump.service', () => {
  test('systemd-analyze verify finds nothing wrong, and the hardening is there', () => {
    const text = readFileSync(join(projectRoot, 'packaging/pcapdump.service'), 'utf8');
    for (const line of ['CapabilityBoundingSet=CAP_NET_RAW CAP_NET_ADMIN', 'NoNewPrivileges=yes', 'ProtectSystem=strict', 'ProtectHome=yes', 'PrivateTmp=yes', 'RuntimeDirectory=pcapdump', 'StateDirectory=pcapdump']) {
      expect(text).toContain(line);
    }
    // verify wants ExecStart's program to exist: here, the build of this checkout.
    const unit = join(dir, 'pcapdump.service');
    writeFileSync(unit, text.replace('/usr/local/bin/pcapdump', pcapdumpJs));
    const r = run('systemd-analyze', ['verify', unit]);
    expect([r.code, r.stderr.trim()]).toEqual([0, '']);
  });
});
