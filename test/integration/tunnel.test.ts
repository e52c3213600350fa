import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { haveSshd, startSshd, type Sshd } from '../../bench/sshd.js';
import { Engine } from '../../src/console/engine.js';
import { LocalAccess } from '../../src/console/link.js';
import { Jail } from '../../src/gateway/jail.js';
import { SupportTunnel } from '../../src/gateway/tunnel.js';
import { auditLine } from '../../src/service/audit.js';
import { connectService, type RemoteLink } from '../../src/service/client.js';
import { startService, type RunningService } from '../../src/service/server.js';
import { renderResult } from '../../src/ui/render.js';
import { FakeKind } from '../console/fake-source.js';
import { freePort, keygen, publicLine, tempDir } from '../gateway/harness.js';
import { haveTool, runAsync } from '../support/referee.js';
import { until } from '../support/wait.js';

/**
 * The support tunnel against OpenSSH's sshd as the support host on loopback: the service
 * logs in there, sshd listens for support on its loopback, and OpenSSH's ssh, as support,
 * reaches the console through that forward. A day lasts DAY_MS here.
 */
const isRoot = process.getuid?.() === 0;
const usable = isRoot && haveSshd && haveTool('ssh');
if (!isRoot) console.log('not root: support tunnel tests skipped (sshd as the support host)');

const DAY_MS = 5000;

describe.skipIf(!usable)('the support tunnel, OpenSSH sshd as the support host', () => {
  const dir = tempDir('tunnel');
  const logs: string[] = [];
  let sshd: Sshd;
  let service: RunningService;
  let tunnel: SupportTunnel;
  let link: RemoteLink;
  let supportKey: string;
  let faceKnownHosts: string;

  beforeAll(async () => {
    const captures = join(dir, 'captures');
    const kind = new FakeKind(['fake0']);
    const cfg = {
      authorizedKeys: join(dir, 'support_authorized_keys'),
      identityFile: keygen(join(dir, 'tunnel_ed25519')),
      hostKey: keygen(join(dir, 'tunnel_host_ed25519')),
      user: 'pcapdump',
    };
    supportKey = keygen(join(dir, 'support_key'));
    writeFileSync(cfg.authorizedKeys, publicLine(supportKey) + ' support@example\n');
    const engine = new Engine({ config: { captureDir: captures, interfaces: {}, tunnel: cfg }, kinds: [kind] });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(captures);
    const log = (l: string) => logs.push(l);
    const access = new LocalAccess(engine, { shared: true, audit: (e) => log(auditLine(e)) });
    tunnel = new SupportTunnel(access, cfg, { log, jail: await Jail.open(captures), dayMs: DAY_MS });
    engine.tunnel = tunnel;
    service = await startService({ access, socketPath: join(dir, 'pcapdump.sock'), log });
    link = await connectService(join(dir, 'pcapdump.sock'), { face: 'command', user: 'tech', from: 'local' });
    // The support host lets the service's tunnel key in, as root here.
    const supportAk = join(dir, 'support_host_authorized_keys');
    writeFileSync(supportAk, readFileSync(cfg.identityFile + '.pub'));
    sshd = await startSshd(dir, supportAk, ['AllowTcpForwarding yes', 'GatewayPorts no']);
    faceKnownHosts = join(dir, 'face_known_hosts');
  });

  afterAll(async () => {
    tunnel?.close();
    await link?.close();
    await service?.close('test over');
    sshd?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const text = async (command: string): Promise<string> => {
    const out: string[] = [];
    await renderResult(await link.run(command), (l) => out.push(l));
    return out.join('\n');
  };
  const failure = (command: string): Promise<string> => link.run(command).then((r) => `accepted: ${r.kind}`, (err: Error) => err.message);
  const enable = (extra = '') => `tunnel enable --host 127.0.0.1 --port ${sshd.port} --user root --host-key ${sshd.hostKeyFingerprint}${extra}`;
  const supportSsh = (port: number) => [
    '-p', String(port), '-i', supportKey, '-o', 'IdentitiesOnly=yes', '-o', 'IdentityAgent=none', '-o', `UserKnownHostsFile=${faceKnownHosts}`,
    '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes', '-o', 'LogLevel=ERROR', 'support@127.0.0.1',
  ];

  test('bad input: one line each, the tunnel stays off', async () => {
    const off = await text('tunnel status');
    expect(off).toMatch(/^tunnel: off/);
    expect(await failure('tunnel disable')).toBe('tunnel: not enabled');
    expect(await failure('tunnel enable --host -oProxyCommand=x --port 22')).toMatch(/^--host needs a host name or address|tunnel enable: --host needs a host name or address, got "-oProxyCommand=x"$/);
    expect(await failure('tunnel enable --host 127.0.0.1')).toBe("tunnel enable needs --port PORT (the support host's SSH port)");
    expect(await failure('tunnel enable --host 127.0.0.1 --port 99999')).toMatch(/--port needs a TCP port from 1 to 65535, got "99999"/);
    expect(await failure('tunnel enable --host 127.0.0.1 --port 22 --days 0')).toMatch(/--days needs a number of days from 1 to 24/);
    expect(await failure('tunnel enable --host 127.0.0.1 --port 22 --host-key md5:aa')).toMatch(/--host-key needs a SHA256:\.\.\. fingerprint/);
    const closed = await freePort();
    expect(await failure(`tunnel enable --host 127.0.0.1 --port ${closed}`)).toBe(`tunnel: cannot reach 127.0.0.1:${closed} (ECONNREFUSED)`);
    expect(await failure('tunnel enable --host no-such-host.invalid --port 22')).toMatch(/^tunnel: cannot resolve the support host "no-such-host\.invalid" \((ENOTFOUND|EAI_AGAIN)\)$/);
    const unpinned = await failure(`tunnel enable --host 127.0.0.1 --port ${sshd.port} --user root`);
    expect(unpinned).toBe(`tunnel: the host key of 127.0.0.1:${sshd.port} is ${sshd.hostKeyFingerprint}, which nothing pins: check it with support, then: tunnel enable --host 127.0.0.1 --port ${sshd.port} --host-key ${sshd.hostKeyFingerprint}`);
    const wrong = await failure(`tunnel enable --host 127.0.0.1 --port ${sshd.port} --user root --host-key SHA256:${'A'.repeat(43)}`);
    expect(wrong).toMatch(/^tunnel: the host key of 127\.0\.0\.1:\d+ is SHA256:\S+, NOT the SHA256:A{43} given: refused/);
    expect(await failure(`tunnel enable --host 127.0.0.1 --port ${sshd.port} --user nobody-here --host-key ${sshd.hostKeyFingerprint}`)).toMatch(/did not let nobody-here in with this gateway's key/);
    expect(await text('tunnel status')).toBe(off);
  });

  test('support reaches the console through the forward: (SERVICE) before the prompt, face "tunnel" in the audit log', async () => {
    const shown = await text(enable(' --days 24'));
    expect(shown).toMatch(/^tunnel: open to 127\.0\.0\.1:\d+ as root\n/);
    const remotePort = Number(/localhost:(\d+)/.exec(shown)?.[1]);
    expect(remotePort).toBeGreaterThan(0);
    expect(shown).toContain("this gateway's key, for the support host's authorized_keys:");
    expect(await failure(enable())).toMatch(/^tunnel: already enabled \(open, to 127\.0\.0\.1:\d+\): tunnel disable first$/);
    writeFileSync(faceKnownHosts, `[127.0.0.1]:${remotePort} ${publicLine(join(dir, 'tunnel_host_ed25519'))}\n`);

    const exec = await runAsync('ssh', [...supportSsh(remotePort), 'pcapdump status']);
    expect(exec).toMatchObject({ code: 0, stdout: 'no captures\n' });

    const console_ = spawn('ssh', ['-tt', ...supportSsh(remotePort)], { env: { ...process.env, TERM: 'xterm' } });
    let screen = '';
    console_.stdout.on('data', (d: Buffer) => (screen += d.toString()));
    await until(() => screen.includes('(SERVICE) pcapdump>'), 15_000, () => screen.slice(-500));
    console_.stdin.write('exit\r');
    expect(await new Promise((r) => console_.on('exit', r))).toBe(0);
    expect(logs.some((l) => /face="tunnel" user="support" from="tunnel 127\.0\.0\.1 port \d+ via 127\.0\.0\.1:\d+" event=command command="pcapdump status"/.test(l))).toBe(true);
    await until(async () => /0 sessions open, 2 since enabled/.test(await text('tunnel status')), 5_000, () => JSON.stringify(tunnel.status()), 50);

    // A key support does not have is turned away by the face, as by the gateway.
    const stranger = keygen(join(dir, 'stranger_key'));
    const refused = await runAsync('ssh', [...supportSsh(remotePort).map((a) => (a === supportKey ? stranger : a)), 'pcapdump status']);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout).toBe('');

    const off = await text('tunnel disable');
    expect(off).toMatch(/^tunnel: disabled/);
    expect(await text('tunnel status')).toMatch(/^tunnel: off/);
    // The support host no longer listens for support.
    const gone = await runAsync('ssh', [...supportSsh(remotePort), 'pcapdump status']);
    expect(gone.code).not.toBe(0);
  });

  test('after its days no new session is taken; the open one works until it closes, then the tunnel closes', async () => {
    if (tunnel.status().state !== 'off') await link.run('tunnel disable');
    const shown = await text(enable(' --days 1'));
    const remotePort = Number(/localhost:(\d+)/.exec(shown)?.[1]);
    writeFileSync(faceKnownHosts, `[127.0.0.1]:${remotePort} ${publicLine(join(dir, 'tunnel_host_ed25519'))}\n`);
    // A session opened before the day is over: a console that stays.
    const open = spawn('ssh', ['-tt', ...supportSsh(remotePort)], { env: { ...process.env, TERM: 'xterm' } });
    let screen = '';
    open.stdout.on('data', (d: Buffer) => (screen += d.toString()));
    await until(() => tunnel.status().sessions === 1, DAY_MS, () => 'the session did not reach the tunnel before it expired');
    await until(() => tunnel.status().state === 'expired', DAY_MS * 2, () => JSON.stringify(tunnel.status()));
    expect(await text('tunnel status')).toMatch(/expired [\d-]+ [\d:]+: no new sessions/);

    const late = await runAsync('ssh', [...supportSsh(remotePort), 'pcapdump status']);
    expect(late.code).not.toBe(0);
    expect(logs.some((l) => /^tunnel: expired: no new sessions from 127\.0\.0\.1; 1 session open/.test(l))).toBe(true);

    await until(() => screen.includes('(SERVICE) pcapdump>'), 15_000, () => screen.slice(-500));
    open.stdin.write('status\r');
    await until(() => screen.includes('no captures'), 10_000, () => screen.slice(-500));
    open.stdin.write('exit\r');
    expect(await new Promise((r) => open.on('exit', r))).toBe(0);
    await until(() => tunnel.status().state === 'off', 5_000, () => JSON.stringify(tunnel.status()), 50);
    expect(logs.some((l) => l.startsWith('tunnel: closed (expired, and its last session closed)'))).toBe(true);
  });
});

