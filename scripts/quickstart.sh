#!/usr/bin/env bash
# The README's two commands: `console` sets up and opens pcapdump, `test` sets up and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-}
shift || true
case "$what" in
  console)
    bash scripts/setup.sh >&2
    exec node dist/bin/pcapdump.js --replay demo=samples/demo.pcap "$@"
    ;;
  test)
    bash scripts/setup.sh
    npm run --silent typecheck
    exec node scripts/run-tests.mjs "$@"
    ;;
  *)
    echo "usage: bash scripts/quickstart.sh console [PCAPDUMP ARGS...] | test [VITEST ARGS...]" >&2
    exit 2
    ;;
esac
