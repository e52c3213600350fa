import { Exit, FwctlError } from './exit-codes.js';

export interface GatewayRef {
  datasource: string;
  gateway: string;
}

export type FwctlCommand =
  | { verb: 'help' }
  | { verb: 'download'; source: string; destination: string; target: GatewayRef; force: boolean; config?: string }
  | { verb: 'list'; target: GatewayRef; config?: string }
  | { verb: 'exec'; command: string; target: GatewayRef; config?: string };

export const fwctlUsage = `usage:
  fwctl [--config FILE] [--force] --filedownload SOURCE DESTINATION DATASOURCE:GATEWAY
  fwctl [--config FILE] --list DATASOURCE:GATEWAY
  fwctl [--config FILE] --exec 'COMMAND' DATASOURCE:GATEWAY
  fwctl --help

  --filedownload  copy SOURCE (a file in the gateway's capture dir) to DESTINATION here
  --force         overwrite DESTINATION if it exists
  --list          the gateway's capture files: name, size, time (UTC)
  --exec          run one console command on the gateway (e.g. 'pcapdump status')
  --config FILE   the address book (else $FWCTL_CONFIG, else ~/.config/fwctl/gateways.json)`;

function usage(message: string): never {
  throw new FwctlError(Exit.USAGE, `${message} (see fwctl --help)`);
}

export function parseTarget(text: string): GatewayRef {
  const at = text.indexOf(':');
  if (at <= 0 || at === text.length - 1 || text.indexOf(':', at + 1) >= 0) usage(`"${text}" is not DATASOURCE:GATEWAY`);
  return { datasource: text.slice(0, at), gateway: text.slice(at + 1) };
}

/** Flags in any order; each verb takes its operands right after it, as in Clavister's manual. */
export function parseFwctlArgs(argv: string[]): FwctlCommand {
  let config: string | undefined;
  let force = false;
  let verb: { name: string; operands: string[] } | undefined;
  const operands: Record<string, number> = { '--filedownload': 3, '--list': 1, '--exec': 2 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return { verb: 'help' };
    if (arg === '--force') {
      force = true;
    } else if (arg === '--config' || arg.startsWith('--config=')) {
      if (config !== undefined) usage('--config given twice');
      config = arg.startsWith('--config=') ? arg.slice(9) : argv[++i];
      if (!config) usage('--config needs a file');
    } else if (operands[arg] !== undefined) {
      if (verb) usage(`${arg} cannot be combined with ${verb.name}`);
      const n = operands[arg];
      const ops = argv.slice(i + 1, i + 1 + n);
      if (ops.length < n || ops.some((o) => o === '' || o.startsWith('--'))) {
        const need = { '--filedownload': 'SOURCE DESTINATION DATASOURCE:GATEWAY', '--list': 'DATASOURCE:GATEWAY', '--exec': "'COMMAND' DATASOURCE:GATEWAY" }[arg];
        usage(`${arg} needs ${need}`);
      }
      verb = { name: arg, operands: ops };
      i += n;
    } else {
      usage(arg.startsWith('-') ? `unknown flag "${arg}"` : `unexpected "${arg}"`);
    }
  }
  if (!verb) usage('nothing to do: give --filedownload, --list or --exec');
  const [a, b, c] = verb.operands;
  if (force && verb.name !== '--filedownload') usage('--force goes with --filedownload');
  switch (verb.name) {
    case '--filedownload':
      return { verb: 'download', source: a, destination: b, target: parseTarget(c), force, config };
    case '--list':
      return { verb: 'list', target: parseTarget(a), config };
    default:
      return { verb: 'exec', command: a, target: parseTarget(b), config };
  }
}
