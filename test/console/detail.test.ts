import { describe, expect, it } from 'vitest';
import { detailed, takeDetail } from '../../src/console/detail.js';
import { UsageError } from '../../src/console/errors.js';

describe('tcpdump print options for show and read', () => {
  it('reads letters as tcpdump getopt does: repeated, grouped, -c with its value joined or apart', () => {
    const { detail, rest } = takeDetail('show', ['-vv', 'int', '-eX', 'tcp', '-c', '20', '-v', 'destport', '80']);
    expect(detail).toEqual({ print: { verbose: 3, linkHeader: true, hex: 0, hexAscii: 1, ascii: 0 }, count: 20 });
    expect(rest).toEqual(['int', 'tcp', 'destport', '80']);
    expect(takeDetail('read', ['-xxc5']).detail).toMatchObject({ print: { hex: 2 }, count: 5 });
    expect(takeDetail('read', ['-XX', '-A']).detail.print).toMatchObject({ hexAscii: 2, ascii: 1 });
  });

  it('-n and -nn change nothing (lines are always -nn), --words are left to the verb', () => {
    const { detail, rest } = takeDetail('read', ['-nn', 'f.pcap', '--count', '-n']);
    expect(detail).toEqual(takeDetail('read', []).detail);
    expect(rest).toEqual(['f.pcap', '--count']);
  });

  it('-e alone keeps brief lines; -v, -x, -X, -A print more', () => {
    expect(detailed(takeDetail('show', ['-e']).detail.print)).toBe(false);
    for (const o of ['-v', '-x', '-X', '-A']) expect(detailed(takeDetail('show', [o]).detail.print)).toBe(true);
  });

  it.each([
    [['-q'], 'show: unknown option "-q" (-v -e -x -X -A -c N)'],
    [['-vk'], 'show: unknown option "-vk"'],
    [['-c'], 'show: -c needs a packet count, got nothing'],
    [['-c', '0'], 'show: -c needs a packet count from 1 up, got "0"'],
    [['-c', '-5'], 'show: -c needs a packet count from 1 up, got "-5"'],
    [['-c', '1e3'], 'got "1e3"'],
    [['-c', '99999999999999999999'], 'from 1 up'],
    [['-c1', '-c', '2'], 'show: -c given more than once'],
    [['-' + 'q'.repeat(60)], '..."'],
  ])('%j is one clear error', (words, message) => {
    let err: unknown;
    try {
      takeDetail('show', words);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toContain(message);
    expect((err as Error).message.length + 'pcapdump: '.length).toBeLessThanOrEqual(80);
  });
});
