import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { Exit } from '../../src/fwctl/exit-codes.js';
import { runFwctl } from '../../src/fwctl/main.js';
import { tempDir } from '../gateway/harness.js';

const FP = 'SHA256:' + 'A'.repeat(43);

async function fwctl(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let out = '';
  let err = '';
  const sink = (f: (s: string) => void) => new Writable({ write: (c, _e, done) => (f(c.toString()), done()) });
  const code = await runFwctl(argv, {
    stdout: sink((s) => (out += s)),
    stderr: sink((s) => (err += s)),
    env: { HOME: '/nonexistent-home', ...env },
    interrupted: new Promise(() => undefined),
  });
  return { code, out, err };
}

function book(dir: string, content: unknown): string {
  const f = join(dir, `book-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
  return f;
}

const good = { host: '127.0.0.1', port: 1, username: 'u', identityFile: '/dev/null', hostKey: FP };

describe('fwctl usage errors: one line, exit 2', () => {
  const cases: [string[], RegExp][] = [
    [[], /nothing to do/],
    [['--filedownload'], /--filedownload needs SOURCE DESTINATION DATASOURCE:GATEWAY/],
    [['--filedownload', 'a', 'b'], /--filedownload needs/],
    [['--filedownload', 'a', 'b', 'nocolon'], /"nocolon" is not DATASOURCE:GATEWAY/],
    [['--filedownload', 'a', 'b', ':gw'], /not DATASOURCE:GATEWAY/],
    [['--filedownload', 'a', 'b', 'ds:'], /not DATASOURCE:GATEWAY/],
    [['--filedownload', 'a', 'b', 'ds:gw', 'extra'], /unexpected "extra"/],
    [['--list'], /--list needs DATASOURCE:GATEWAY/],
    [['--exec', 'status'], /--exec needs/],
    [['--list', 'a:b', '--exec', 'x', 'a:b'], /cannot be combined/],
    [['--bogus'], /unknown flag "--bogus"/],
    [['--force', '--list', 'a:b'], /--force goes with --filedownload/],
    [['--config'], /--config needs a file/],
    [['--config', 'a', '--config', 'b', '--list', 'a:b'], /--config given twice/],
  ];
  for (const [argv, message] of cases) {
    test(JSON.stringify(argv), async () => {
      const r = await fwctl(argv);
      expect(r.code).toBe(Exit.USAGE);
      expect(r.err).toMatch(/^fwctl: [^\n]+\(see fwctl --help\)\n$/);
      expect(r.err).toMatch(message);
      expect(r.out).toBe('');
    });
  }

  test('--help prints usage and the table of exit statuses', async () => {
    const r = await fwctl(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/--filedownload SOURCE DESTINATION DATASOURCE:GATEWAY/);
    for (const n of [2, 3, 4, 5, 6, 7, 8, 9, 10]) expect(r.out).toMatch(new RegExp(`^  ${n}\\s+\\S`, 'm'));
  });
});

describe('the address book', () => {
  const dir = tempDir('book');

  test('found through --config, then FWCTL_CONFIG, then ~/.config/fwctl/gateways.json', async () => {
    const home = join(dir, 'home');
    mkdirSync(join(home, '.config', 'fwctl'), { recursive: true });
    writeFileSync(join(home, '.config', 'fwctl', 'gateways.json'), JSON.stringify({ datasources: { home: { gateways: {} } } }));
    const viaHome = await fwctl(['--list', 'x:y'], { HOME: home });
    expect(viaHome.err).toMatch(/unknown data source "x" in .*home\/.config\/fwctl\/gateways.json \(known: home\)/);
    const env = book(dir, { datasources: { env: { gateways: {} } } });
    const viaEnv = await fwctl(['--list', 'x:y'], { HOME: home, FWCTL_CONFIG: env });
    expect(viaEnv.err).toMatch(/known: env/);
    const flag = book(dir, { datasources: { flag: { gateways: {} } } });
    const viaFlag = await fwctl(['--config', flag, '--list', 'x:y'], { HOME: home, FWCTL_CONFIG: env });
    expect(viaFlag.err).toMatch(/known: flag/);
  });

  test('FWCTL_CONFIG set but empty counts as unset (not the current directory)', async () => {
    const home = join(dir, 'home-empty-env');
    mkdirSync(join(home, '.config', 'fwctl'), { recursive: true });
    writeFileSync(join(home, '.config', 'fwctl', 'gateways.json'), JSON.stringify({ datasources: { fromhome: { gateways: {} } } }));
    const r = await fwctl(['--list', 'x:y'], { HOME: home, FWCTL_CONFIG: '' });
    expect(r.code).toBe(Exit.UNKNOWN_GATEWAY);
    expect(r.err).toMatch(/known: fromhome/);
    expect(r.err).not.toMatch(/EISDIR/);
  });

  test('one unusable gateway entry leaves the others usable; asking for it names what is wrong', async () => {
    const viaAgent = { ...good, identityFile: undefined };
    const f = book(dir, { datasources: { ds: { gateways: { broken: { ...viaAgent, hostKey: undefined }, gw: viaAgent } } } });
    // The good entry gets past the address book and on to the network: nothing listens on port 1.
    const ok = await fwctl(['--config', f, '--list', 'ds:gw'], { SSH_AUTH_SOCK: join(dir, 'no-agent.sock') });
    expect(ok.code).toBe(Exit.CONNECT);
    expect(ok.err).not.toMatch(/broken/);
    const bad = await fwctl(['--config', f, '--list', 'ds:broken']);
    expect(bad.code).toBe(Exit.ADDRESS_BOOK);
    expect(bad.err).toMatch(/gateway "ds:broken": needs "hostKey"/);
  });

  test('unknown data source or gateway: exit 4, naming what is known', async () => {
    const f = book(dir, { datasources: { ds: { gateways: { gw: good } } } });
    const a = await fwctl(['--config', f, '--list', 'other:gw']);
    expect(a.code).toBe(Exit.UNKNOWN_GATEWAY);
    expect(a.err).toBe(`fwctl: unknown data source "other" in ${f} (known: ds)\n`);
    const b = await fwctl(['--config', f, '--filedownload', 'x', join(dir, 'x'), 'ds:other']);
    expect(b.code).toBe(Exit.UNKNOWN_GATEWAY);
    expect(b.err).toBe('fwctl: unknown gateway "other" in data source "ds" (known: gw)\n');
    const c = await fwctl(['--config', f, '--list', 'toString:gw']);
    expect(c.code).toBe(Exit.UNKNOWN_GATEWAY);
  });

  const malformed: [string, unknown, RegExp][] = [
    ['missing file', null, /no such file \(give --config FILE or set FWCTL_CONFIG\)/],
    ['not JSON', '{"datasources": ', /not valid JSON/],
    ['no datasources', { gateways: {} }, /must be an object with "datasources"/],
    ['datasource without gateways', { datasources: { ds: {} } }, /datasource "ds" must hold "gateways"/],
    ['gateway not an object', { datasources: { ds: { gateways: { gw: 'host' } } } }, /gateway "ds:gw" must be an object/],
    ['missing host', { datasources: { ds: { gateways: { gw: { ...good, host: undefined } } } } }, /gateway "ds:gw": "host" must be a non-empty string/],
    ['bad port', { datasources: { ds: { gateways: { gw: { ...good, port: 70000 } } } } }, /"port" must be a whole number 1-65535/],
    ['unknown key', { datasources: { ds: { gateways: { gw: { ...good, pasword: 'x' } } } } }, /unknown key "pasword"/],
    ['no host key', { datasources: { ds: { gateways: { gw: { ...good, hostKey: undefined } } } } }, /needs "hostKey".*or "knownHosts"/],
    ['bad fingerprint', { datasources: { ds: { gateways: { gw: { ...good, hostKey: 'MD5:aa:bb' } } } } }, /"hostKey" must be a fingerprint/],
  ];
  for (const [what, content, message] of malformed) {
    test(`malformed (${what}): exit 3, one line naming the file`, async () => {
      const f = content === null ? join(dir, 'absent.json') : book(dir, content);
      const dest = join(dir, 'never.cap');
      const r = await fwctl(['--config', f, '--filedownload', 'a.cap', dest, 'ds:gw']);
      expect(r.code).toBe(Exit.ADDRESS_BOOK);
      expect(r.err).toMatch(new RegExp(`^fwctl: address book ${f.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: [^\\n]+\\n$`));
      expect(r.err).toMatch(message);
      expect(readdirSync(dir).filter((n) => n.includes('never'))).toEqual([]);
    });
  }

  test('a missing identity file or known_hosts file: exit 3, naming it; no agent and no identity file: exit 3', async () => {
    const dest = join(dir, 'id.cap');
    const f1 = book(dir, { datasources: { ds: { gateways: { gw: { ...good, identityFile: '~/no_such_key' } } } } });
    const r1 = await fwctl(['--config', f1, '--filedownload', 'a', dest, 'ds:gw'], { HOME: dir });
    expect(r1.code).toBe(Exit.ADDRESS_BOOK);
    expect(r1.err).toBe(`fwctl: identity file ${join(dir, 'no_such_key')}: ENOENT: no such file or directory, open '${join(dir, 'no_such_key')}'\n`);
    const f2 = book(dir, { datasources: { ds: { gateways: { gw: { ...good, identityFile: undefined } } } } });
    const r2 = await fwctl(['--config', f2, '--list', 'ds:gw']);
    expect(r2.code).toBe(Exit.ADDRESS_BOOK);
    expect(r2.err).toMatch(/no identityFile .* and no ssh-agent \(SSH_AUTH_SOCK is not set\)/);
    expect(readdirSync(dir).filter((n) => n.includes('id.cap'))).toEqual([]);
  });
});
