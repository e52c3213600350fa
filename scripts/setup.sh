#!/usr/bin/env bash
# Idempotent set-up for a fresh Debian machine with Node 20, as root:
# Debian packages (libpcap-dev and a compiler for our capture binding, the referees
# tcpdump/tshark/OpenSSH, the bench's senders tcpreplay and trafgen), then npm ci when the
# lock file changed (it builds the binding from binding.gyp), the binding again when its
# sources changed, then the TypeScript build.
set -euo pipefail
cd "$(dirname "$0")/.."

need_pkgs=()
have() { command -v "$1" >/dev/null 2>&1; }
have tcpdump || need_pkgs+=(tcpdump)
{ have tshark && have capinfos; } || need_pkgs+=(tshark)
[ -x /usr/sbin/sshd ] || need_pkgs+=(openssh-server)
{ have ssh && have sftp && have ssh-keygen; } || need_pkgs+=(openssh-client)
have tcpreplay || need_pkgs+=(tcpreplay)
have trafgen || need_pkgs+=(netsniff-ng)
have ip || need_pkgs+=(iproute2)
[ -x /usr/bin/time ] || need_pkgs+=(time)
[ -f /usr/include/pcap/pcap.h ] || need_pkgs+=(libpcap-dev)
have tmux || need_pkgs+=(tmux)
# `npm ci` builds the libpcap binding (binding.gyp) with node-gyp.
{ have g++ && have make; } || need_pkgs+=(g++ make)
# Live tests send their traffic with small python3 programs.
have python3 || need_pkgs+=(python3)
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
# npm ci builds the binding (binding.gyp); a change to its sources alone needs a rebuild too.
native_hash=$(cat binding.gyp src/capture/native/* | sha256sum | cut -d' ' -f1)
native_stamp=build/.pcapdump-native-sha256
stamp=node_modules/.pcapdump-lock-sha256
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > "$stamp"
  echo "$native_hash" > "$native_stamp"
fi
if [ ! -f build/Release/pcapdump_capture.node ] || [ ! -f "$native_stamp" ] || [ "$(cat "$native_stamp")" != "$native_hash" ]; then
  echo "setup: building the libpcap binding"
  npm run --silent build:native >/dev/null
  echo "$native_hash" > "$native_stamp"
fi

# ssh2's ciphers in C (its optional binding, approved in package.json's allowScripts): npm ci
# builds it; a checkout whose npm ci ran before the approval builds it here. Without it every
# SSH packet of fwctl and the gateway is deciphered in JavaScript (fwctl 0.9x OpenSSH sftp's
# speed instead of 1.0-1.2x), so a failed build stops set-up.
ssh2_binding=node_modules/ssh2/lib/protocol/crypto/build/Release/sshcrypto.node
if [ ! -f "$ssh2_binding" ]; then
  echo "setup: building ssh2's crypto binding"
  npm rebuild ssh2 --loglevel=error >/dev/null
  [ -f "$ssh2_binding" ] || { echo "setup: ssh2's crypto binding did not build: npm rebuild ssh2 --foreground-scripts says why" >&2; exit 1; }
fi

npm run --silent build

# pcapdump and fwctl on PATH: symlinks in /usr/local/bin to this checkout's build (what
# `npm link` would do, without a global node_modules). A file there that is not a symlink
# is someone else's and is left alone.
chmod 755 dist/bin/pcapdump.js dist/bin/fwctl.js
if [ "$(id -u)" = 0 ]; then
  for b in pcapdump fwctl; do
    link=/usr/local/bin/$b
    if [ -e "$link" ] && [ ! -L "$link" ]; then
      echo "setup: $link exists and is not a symlink: left alone" >&2
    elif [ "$(readlink "$link" 2>/dev/null)" != "$PWD/dist/bin/$b.js" ]; then
      ln -sfn "$PWD/dist/bin/$b.js" "$link"
      echo "setup: $link -> $PWD/dist/bin/$b.js"
    fi
  done
else
  echo "setup: not root: pcapdump and fwctl not linked into /usr/local/bin (npm link, or run as root)" >&2
fi
