import type { Summary } from './summary.js';

/** The words after "ICMP " / "ICMP6, " in a brief line, following tcpdump's icmp_print wording. */

const unreachV4: string[] = [
  'net # unreachable',
  'host # unreachable',
  '', // protocol: needs the quoted protocol number
  '', // port: needs the quoted protocol and port
  '# unreachable - need to frag',
  '# unreachable - source route failed',
  'net # unreachable - unknown',
  'host # unreachable - unknown',
  '# unreachable - source host isolated',
  'net # unreachable - admin prohibited',
  'host # unreachable - admin prohibited',
  'net # unreachable - tos prohibited',
  'host # unreachable - tos prohibited',
  '# unreachable - admin prohibited filter',
  'host # unreachable - host precedence violation',
  'host # unreachable - precedence cutoff',
];

function innerTransport(proto: number): string {
  return proto === 6 ? 'tcp' : proto === 17 ? 'udp' : '';
}

function unreachable(s: Summary): string {
  const code = s.icmpCode;
  const dst = s.icmpAddr === '' ? '?' : s.icmpAddr;
  if (code === 2) return dst + ' protocol ' + s.icmpInnerProto + ' unreachable';
  if (code === 3) {
    const t = innerTransport(s.icmpInnerProto);
    if (t !== '') return dst + ' ' + t + ' port ' + s.icmpInnerPort + ' unreachable';
    return dst + ' protocol ' + s.icmpInnerProto + ' port ' + s.icmpInnerPort + ' unreachable';
  }
  const pattern = code >= 0 && code < unreachV4.length ? unreachV4[code] : '';
  if (pattern === '') return dst + ' unreachable - #' + code;
  const text = pattern.replace('#', dst);
  return code === 4 ? text + ' (mtu ' + s.icmpValue + ')' : text;
}

export function icmpText(s: Summary): string {
  const t = s.icmpType;
  switch (t) {
    case 0:
      return 'echo reply, id ' + s.icmpId + ', seq ' + s.icmpSeq;
    case 8:
      return 'echo request, id ' + s.icmpId + ', seq ' + s.icmpSeq;
    case 3:
      return unreachable(s);
    case 4:
      return 'source quench';
    case 5:
      return (s.icmpCode & 2 ? 'redirect-tos ' : 'redirect ') + (s.icmpAddr || '?') + (s.icmpCode & 1 ? ' to host ' : ' to net ') + s.icmpGateway;
    case 9:
      return 'router advertisement';
    case 10:
      return 'router solicitation';
    case 11:
      return s.icmpCode === 0 ? 'time exceeded in-transit' : s.icmpCode === 1 ? 'ip reassembly time exceeded' : 'time exceeded-#' + s.icmpCode;
    case 12:
      return 'parameter problem - octet ' + s.icmpValue;
    case 13:
      return 'time stamp request id ' + s.icmpId + ' seq ' + s.icmpSeq;
    case 14:
      return 'time stamp reply id ' + s.icmpId + ' seq ' + s.icmpSeq;
    case 15:
      return 'information request';
    case 16:
      return 'information reply';
    case 17:
      return 'address mask request';
    case 18:
      return 'address mask reply';
    default:
      return 'type-#' + t;
  }
}

const unreachV6 = ['unreachable route', 'unreachable prohibited', 'beyond scope', 'unreachable address', 'unreachable port'];

export function icmp6Text(s: Summary): string {
  const t = s.icmpType;
  switch (t) {
    case 1: {
      const why = s.icmpCode >= 0 && s.icmpCode < unreachV6.length ? unreachV6[s.icmpCode] : 'unknown unreach code (' + s.icmpCode + ')';
      let text = 'destination unreachable, ' + why;
      if (s.icmpAddr !== '') {
        const tp = innerTransport(s.icmpInnerProto);
        text += s.icmpCode === 4 && tp !== '' && s.icmpInnerPort >= 0 ? ', ' + s.icmpAddr + ' ' + tp + ' port ' + s.icmpInnerPort : ' ' + s.icmpAddr;
      }
      return text;
    }
    case 2:
      return 'packet too big, mtu ' + s.icmpValue;
    case 3:
      return s.icmpCode === 1 ? 'ip6 reassembly time exceeded' : 'time exceeded in-transit' + (s.icmpAddr !== '' ? ' for ' + s.icmpAddr : '');
    case 4:
      return 'parameter problem, ' + (s.icmpCode === 1 ? 'next header' : s.icmpCode === 2 ? 'option' : 'erroneous') + ' - octet ' + s.icmpValue;
    case 128:
      return 'echo request, id ' + s.icmpId + ', seq ' + s.icmpSeq;
    case 129:
      return 'echo reply, id ' + s.icmpId + ', seq ' + s.icmpSeq;
    case 130:
      return 'multicast listener query';
    case 131:
      return 'multicast listener report';
    case 132:
      return 'multicast listener done';
    case 133:
      return 'router solicitation';
    case 134:
      return 'router advertisement';
    case 135:
      return 'neighbor solicitation' + (s.icmpAddr !== '' ? ', who has ' + s.icmpAddr : '');
    case 136:
      return 'neighbor advertisement' + (s.icmpAddr !== '' ? ', tgt is ' + s.icmpAddr : '');
    case 137:
      return 'redirect' + (s.icmpAddr !== '' ? ', ' + s.icmpAddr + ' to ' + s.icmpGateway : '');
    case 143:
      return 'multicast listener report v2';
    default:
      return 'type ' + t;
  }
}
