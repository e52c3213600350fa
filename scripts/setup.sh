#!/usr/bin/env bash
# Idempotent set-up for a fresh Debian machine with Node 20, as root:
# Debian packages (libpcap for `cap`, the referees tcpdump/tshark/OpenSSH/tcpreplay),
# then npm ci when the lock file changed, then the TypeScript build.
set -euo pipefail
cd "$(dirname "$0")/.."

need_pkgs=()
have() { command -v "$1" >/dev/null 2>&1; }
have tcpdump || need_pkgs+=(tcpdump)
{ have tshark && have capinfos; } || need_pkgs+=(tshark)
[ -x /usr/sbin/sshd ] || need_pkgs+=(openssh-server)
{ have ssh && have sftp && have ssh-keygen; } || need_pkgs+=(openssh-client)
have tcpreplay || need_pkgs+=(tcpreplay)
have ip || need_pkgs+=(iproute2)
[ -x /usr/bin/time ] || need_pkgs+=(time)
[ -f /usr/include/pcap/pcap.h ] || need_pkgs+=(libpcap-dev)
have tmux || need_pkgs+=(tmux)
# `npm ci` builds the cap binding with node-gyp.
{ have g++ && have make; } || need_pkgs+=(g++ make)
# Live tests send their traffic with small python3 programs; perl reads kernel drop counters.
have python3 || need_pkgs+=(python3)
have perl || need_pkgs+=(perl-base)
# The capture page: openssl makes its certificate on first start; the browser test drives
# Debian's chromium with playwright-core (which downloads no browser of its own).
have openssl || need_pkgs+=(openssl)
[ -x /usr/bin/chromium ] || need_pkgs+=(chromium)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need_pkgs+=(fonts-dejavu-core)
# The bench turns veth offloads off, so libpcap sizes its ring frames by the MTU.
[ -x /usr/sbin/ethtool ] || need_pkgs+=(ethtool)

if [ ${#need_pkgs[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "setup: need root to install: ${need_pkgs[*]}" >&2
    exit 1
  fi
  echo "setup: installing ${need_pkgs[*]}"
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
fi

lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.pcapdump-lock-sha256
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > "$stamp"
fi

npm run --silent build

# pcapdump and fwctl on PATH: symlinks in /usr/local/bin to this checkout's build (what
# `npm link` would do, without a global node_modules). A file there that is not a symlink
# is someone else's and is left alone.
chmod 755 dist/cli/pcapdump.js dist/cli/fwctl.js
if [ "$(id -u)" = 0 ]; then
  for b in pcapdump fwctl; do
    link=/usr/local/bin/$b
    if [ -e "$link" ] && [ ! -L "$link" ]; then
      echo "setup: $link exists and is not a symlink: left alone" >&2
    elif [ "$(readlink "$link" 2>/dev/null)" != "$PWD/dist/cli/$b.js" ]; then
      ln -sfn "$PWD/dist/cli/$b.js" "$link"
      echo "setup: $link -> $PWD/dist/cli/$b.js"
    fi
  done
else
  echo "setup: not root: pcapdump and fwctl not linked into /usr/local/bin (npm link, or run as root)" >&2
fi
