import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { defaultCaptureDir, loadConfig, parseConfig, tunnelDefaults } from '../../src/console/config.js';
import { parseProgramFlags } from '../../src/console/flags.js';

const dir = mkdtempSync(join(tmpdir(), 'pcapdump-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('config', () => {
  test('the DESIGN.md example', () => {
    const file = join(dir, 'ok.json');
    writeFileSync(file, '{ "captureDir": "/var/lib/pcapdump", "interfaces": { "int": "eth1", "ext": "eth0" } }');
    expect(loadConfig({ configFile: file, env: {} })).toEqual({ captureDir: '/var/lib/pcapdump', interfaces: { int: 'eth1', ext: 'eth0' }, tunnel: tunnelDefaults(dir) });
  });
  test('the tunnel: files beside the config unless named; bad keys and values are one line', () => {
    const file = join(dir, 'tunnel.json');
    writeFileSync(file, '{ "tunnel": { "authorizedKeys": "/etc/pcapdump/support_keys", "user": "gw-4711" } }');
    expect(loadConfig({ configFile: file, env: {} }).tunnel).toEqual({ ...tunnelDefaults(dir), authorizedKeys: '/etc/pcapdump/support_keys', user: 'gw-4711' });
    expect(loadConfig({ env: { XDG_CONFIG_HOME: '/srv/conf' } }).tunnel?.identityFile).toBe('/srv/conf/pcapdump/tunnel_ed25519');
    for (const [text, message] of [
      ['{ "tunnel": [] }', /tunnel must be an object/],
      ['{ "tunnel": { "password": "x" } }', /unknown key "tunnel.password"/],
      ['{ "tunnel": { "identityFile": 7 } }', /tunnel.identityFile must be a file path/],
      ['{ "tunnel": { "user": "-oProxyCommand=x" } }', /tunnel.user must be a login name/],
    ] as const) {
      writeFileSync(file, text);
      expect(() => loadConfig({ configFile: file, env: {} })).toThrow(message);
    }
  });
  test('defaults without a file; XDG_STATE_HOME honoured; --dir wins', () => {
    expect(loadConfig({ env: {} }).captureDir).toBe(join(homedir(), '.local/state/pcapdump/captures'));
    expect(defaultCaptureDir({ XDG_STATE_HOME: '/srv/state' })).toBe('/srv/state/pcapdump/captures');
    expect(loadConfig({ env: {}, dir: '/tmp/x' }).captureDir).toBe('/tmp/x');
  });
  test('PCAPDUMP_CONFIG names the file', () => {
    const file = join(dir, 'env.json');
    writeFileSync(file, '{"interfaces": {"wan": "eth0"}}');
    expect(loadConfig({ env: { PCAPDUMP_CONFIG: file } }).interfaces).toEqual({ wan: 'eth0' });
  });
  test.each([
    ['{', 'not valid JSON'],
    ['[]', 'must be a JSON object'],
    ['{"captureDir": 5}', 'captureDir must be a directory path'],
    ['{"interfaces": []}', 'interfaces must map aliases'],
    ['{"interfaces": {"int": 7}}', 'alias "int" must name an interface, got 7'],
    ['{"interfaces": {"bad alias": "eth0"}}', 'interface alias "bad alias" is not a valid name'],
    ['{"captureDirectory": "/x"}', 'unknown key "captureDirectory"'],
  ])('refuses %s', (text, message) => {
    expect(() => parseConfig(text, 'f.json')).toThrow(message);
  });
  test('a named file that is missing is an error', () => {
    expect(() => loadConfig({ configFile: join(dir, 'missing.json'), env: {} })).toThrow('missing.json: no such file');
  });
});

describe('program flags', () => {
  test('every flag, both spellings', () => {
    expect(parseProgramFlags(['--config', 'c.json', '--dir=/d', '--replay', 'demo=a.pcap', '--replay=b=b.pcap', '--replay-speed', '0', '-e', 'status', '-e', 'show'])).toEqual({
      configFile: 'c.json',
      dir: '/d',
      replays: { demo: 'a.pcap', b: 'b.pcap' },
      replaySpeed: 0,
      commands: ['status', 'show'],
      standalone: false,
      sshCommand: false,
      engineFlags: ['--config', '--dir', '--replay', '--replay-speed'],
      rest: [],
    });
    expect(parseProgramFlags(['gateway', '--listen', 'x']).rest).toEqual(['gateway', '--listen', 'x']);
  });
  test('program flags end at the first word that is not one: a console option starts the command', () => {
    expect(parseProgramFlags(['--socket', '/s', '-size', '1024', 'tcp', 'start', 'int'])).toMatchObject({ socket: '/s', engineFlags: [], rest: ['-size', '1024', 'tcp', 'start', 'int'] });
    expect(parseProgramFlags(['-p', '-c', '20', 'start', 'int']).rest).toEqual(['-p', '-c', '20', 'start', 'int']);
    expect(parseProgramFlags(['show', '-e']).rest).toEqual(['show', '-e']);
    expect(parseProgramFlags(['--standalone', '-e', 'status'])).toMatchObject({ standalone: true, commands: ['status'], rest: [] });
  });
  test.each([
    [['--replay', 'demo'], '--replay needs NAME=FILE, got "demo"'],
    [['--replay', '=x.pcap'], '--replay needs NAME=FILE'],
    [['--replay', '1x=a.pcap'], '"1x" is not a usable interface name'],
    [['--replay', 'a=1', '--replay', 'a=2'], '"a" given twice'],
    [['--replay-speed', 'fast'], '--replay-speed needs a number >= 0'],
    [['--socket'], '--socket needs a value'],
    [['--socket', 'a', '--socket', 'b'], '--socket given twice'],
    [['--standalone=yes'], '--standalone takes no value'],
    [['--frob', 'status'], 'unknown flag "--frob"'],
    [['--replay-speed', '-1'], '--replay-speed needs a number >= 0'],
    [['-e'], '-e needs a value'],
    [['--verbose'], 'unknown flag "--verbose"'],
  ])('%j', (argv, message) => {
    expect(() => parseProgramFlags(argv)).toThrow(message);
  });
});
