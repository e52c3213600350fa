import { describe, expect, test } from 'vitest';
import { parseCommand } from '../../src/console/grammar.js';
import { usageErrorOf } from '../support/grammar.js';
import { tokenize } from '../../src/console/tokens.js';
import { formatFilter } from '../../src/filter/index.js';

function start(line: string) {
  const c = parseCommand(line);
  if (c?.verb !== 'start') throw new Error(`not a start: ${line}`);
  return c;
}


describe('the user\'s words of DESIGN.md', () => {
  test('pcapdump -size 1024 ipsrc 192.168.0.1 tcp start int', () => {
    const c = start('pcapdump -size 1024 ipsrc 192.168.0.1 tcp start int');
    expect(c.iface).toBe('int');
    expect(c.options).toEqual({ sizeKB: 1024, snapLen: 0, count: 0, seconds: 0, output: 'none', promiscuous: false });
    expect(formatFilter(c.filter)).toBe('tcp ipsrc 192.168.0.1');
  });
  test('pcapdump -p -c 20 ipsrc 192.168.0.1 ipdest 10.0.0.1 proto 103 start int', () => {
    const c = start('pcapdump -p -c 20 ipsrc 192.168.0.1 ipdest 10.0.0.1 proto 103 start int');
    expect(c.options.count).toBe(20);
    expect(c.options.promiscuous).toBe(true);
    expect(formatFilter(c.filter)).toContain('proto 103');
  });
  test('pcapdump -s 64 ... start int', () => {
    expect(start('pcapdump -s 64 ipsrc 192.168.0.1 ipdest 10.0.0.1 tcp start int').options.snapLen).toBe(64);
  });
  test('the other verbs', () => {
    expect(parseCommand('pcapdump stop int')).toEqual({ verb: 'stop', iface: 'int' });
    expect(parseCommand('stop')).toEqual({ verb: 'stop', iface: undefined });
    expect(parseCommand('pcapdump show')).toMatchObject({ verb: 'show', iface: undefined, detail: { count: 0 } });
    expect(parseCommand('pcapdump write int capture.cap')).toEqual({ verb: 'write', iface: 'int', file: 'capture.cap' });
    expect(parseCommand('pcapdump wipe')).toEqual({ verb: 'wipe', iface: undefined });
    expect(parseCommand('pcapdump cleanup')).toEqual({ verb: 'cleanup' });
    expect(parseCommand('clean')).toEqual({ verb: 'cleanup' });
    expect(parseCommand('status')).toEqual({ verb: 'status' });
    expect(parseCommand('   ')).toBeNull();
  });
  test('show takes tcpdump\'s options anywhere, an interface, then a filter', () => {
    const a = parseCommand('pcapdump show int tcp destport 80');
    expect(a).toMatchObject({ verb: 'show', iface: 'int', detail: { count: 0, print: { verbose: 0 } } });
    if (a?.verb !== 'show') throw new Error('not show');
    expect(formatFilter(a.filter)).toBe('tcp destport 80');
    expect(parseCommand('show -vvX -c 20 int -e udp')).toMatchObject({ iface: 'int', detail: { count: 20, print: { verbose: 2, hexAscii: 1, linkHeader: true } } });
    // A filter word first: every interface, filtered.
    expect(parseCommand('show tcp')).toMatchObject({ verb: 'show', iface: undefined });
    expect(parseCommand('-c 5 show')).toMatchObject({ verb: 'show', iface: undefined, detail: { count: 5 } });
    expect(parseCommand(['show', '-xx', 'int'])).toMatchObject({ iface: 'int', detail: { print: { hex: 2 } } });
  });
  test('order does not matter', () => {
    const a = start('-o tcp start lo -size 64');
    const b = start('-size 64 -o tcp start lo');
    expect(a).toEqual(b);
    expect(a.options.output).toBe('brief');
    expect(start('-ou start lo').options.output).toBe('brief-unbuffered');
  });
});

describe('malformed commands: one line naming the token', () => {
  test.each([
    ['-c start int', '-c needs a packet count, got "start"'],
    ['-x 3 start int', 'unknown option "-x"'],
    ['--foo start int', 'unknown option "--foo"'],
    ['-size', '-size needs a buffer size in KB, got nothing'],
    ['-size 0 start lo', '-size needs a buffer size in KB from 1 to'],
    ['-size 12k start lo', '-size needs a buffer size in KB, got "12k"'],
    ['-s 999999 start lo', '-s needs a snap length in bytes from 1 to 262144'],
    ['-c 5 -c 6 start lo', '-c given more than once'],
    ['-o -ou start lo', '-o and -ou exclude each other'],
    ['start', 'start needs an interface'],
    ['tcp', 'a capture ends with "start IFACE"'],
    ['frob', 'unknown command "frob"; "help" lists the commands'],
    ['strat int', 'unknown command "strat" (did you mean "start"?)'],
    ['-c 5 tcp strat int', '"strat" is not a filter word (did you mean "start"?)'],
    ['sotp int', 'unknown command "sotp" (did you mean "stop"?)'],
    ['stauts', 'unknown command "stauts" (did you mean "status"?)'],
    ['wirte int a.cap', 'unknown command "wirte" (did you mean "write"?)'],
    ['save int a.cap', 'unknown command "save" (did you mean "write"?)'],
    ['rm x.cap', 'unknown command "rm" (did you mean "delete"?)'],
    ['cleanpu', 'unknown command "cleanpu" (did you mean "cleanup"?)'],
    ['ipsrc 1.2.3 start int', 'ipsrc needs an IP address, got "1.2.3"'],
    ['ipsource 1.2.3.4 start int', 'ipsource'],
    ['start int eth0', 'unexpected "eth0"'],
    ['stop int eth0', 'stop: unexpected "eth0"'],
    ['status -p', 'status takes no options, got "-p"'],
    ['write int', 'write needs an interface and a file name'],
    ['write int a.cap b.cap', 'unexpected "b.cap"'],
    ['show "int', 'unterminated " quote'],
  ])('%s', (line, message) => {
    expect(usageErrorOf(line)).toContain(message);
  });
});

describe('tokenize', () => {
  test('quotes group, blanks separate', () => {
    expect(tokenize(`write  int "my file.cap" 'x y'`)).toEqual(['write', 'int', 'my file.cap', 'x y']);
    expect(tokenize('\tstatus\t')).toEqual(['status']);
    expect(tokenize('')).toEqual([]);
  });
});
