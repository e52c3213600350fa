// Address text -> bytes. These builders serve tests and sample captures, so a malformed
// address is a programming error in the caller: throw loudly rather than guess.

export function ipv4Bytes(text: string): Buffer {
  const parts = text.split('.');
  if (parts.length !== 4) throw new Error(`frames: not an IPv4 address: "${text}"`);
  const out = Buffer.alloc(4);
  parts.forEach((p, i) => {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) throw new Error(`frames: not an IPv4 address: "${text}"`);
    out[i] = Number(p);
  });
  return out;
}

export function ipv6Bytes(text: string): Buffer {
  const bad = (): never => {
    throw new Error(`frames: not an IPv6 address: "${text}"`);
  };
  let groups: string[] = [];
  let tail = text;
  const out = Buffer.alloc(16);
  // An embedded dotted quad (::ffff:1.2.3.4) fills the last two groups.
  const quad = /:(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  let quadBytes: Buffer | undefined;
  if (quad) {
    quadBytes = ipv4Bytes(quad[1]);
    tail = text.slice(0, text.length - quad[1].length) + '0:0';
  }
  const halves = tail.split('::');
  if (halves.length > 2) bad();
  const head = halves[0] === '' ? [] : halves[0].split(':');
  const rest = halves.length === 2 ? (halves[1] === '' ? [] : halves[1].split(':')) : [];
  if (halves.length === 2) {
    const fill = 8 - head.length - rest.length;
    if (fill < 1) bad();
    groups = [...head, ...Array<string>(fill).fill('0'), ...rest];
  } else {
    groups = head;
  }
  if (groups.length !== 8) bad();
  groups.forEach((g, i) => {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) bad();
    out.writeUInt16BE(parseInt(g, 16), i * 2);
  });
  if (quadBytes) quadBytes.copy(out, 12);
  return out;
}

export function macBytes(text: string): Buffer {
  const parts = text.split(/[:-]/);
  if (parts.length !== 6 || parts.some((p) => !/^[0-9a-fA-F]{1,2}$/.test(p))) {
    throw new Error(`frames: not a MAC address: "${text}"`);
  }
  return Buffer.from(parts.map((p) => parseInt(p, 16)));
}

/** Either family, told apart by the colon. */
export function ipBytes(text: string): Buffer {
  return text.includes(':') ? ipv6Bytes(text) : ipv4Bytes(text);
}
