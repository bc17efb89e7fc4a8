#!/usr/bin/env bash
# Installs the peer for the HTTP benchmarks: the Digital Credentials Consortium signing-service
# (github digitalcredentials/signing-service; express + @digitalbazaar/vc, signs the VC it is
# POSTed at /instance/<tenant>/credentials/sign?suite=eddsa2022|ed25519 with the tenant's seed).
#
# Clones it into .tmp/peers/signing-service (gitignored) — from the local mirror when there is one
# ($MIRROR_ROOT/digitalcredentials+signing-service, a bare git dir), else from GitHub — and installs
# its production dependencies with npm from its own package-lock.json. Its Dockerfile runs Node 18;
# it declares no "engines" and runs on the Node 20 this repository requires.
#
# Usage: bash bench/peers/setup-dcc.sh        (idempotent; DCC_REF=<commit|tag> to pin another version)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dest="$root/.tmp/peers/signing-service"
mirror="${MIRROR_ROOT:-/work/.mirror}/digitalcredentials+signing-service"
ref="${DCC_REF:-}"

if [ ! -d "$dest/.git" ]; then
  mkdir -p "$(dirname "$dest")"
  src=https://github.com/digitalcredentials/signing-service
  for candidate in "$mirror" "$mirror/repo"; do
    if [ -d "$candidate" ] && git --git-dir="$candidate" rev-parse --verify -q HEAD >/dev/null 2>&1; then
      src="$candidate"
      break
    fi
  done
  echo "setup-dcc: cloning $src into $dest"
  git clone -q "$src" "$dest"
fi
if [ -n "$ref" ]; then git -C "$dest" checkout -q "$ref"; fi
echo "setup-dcc: signing-service at $(git -C "$dest" log -1 --format='%h %s')"

if [ ! -d "$dest/node_modules/@digitalbazaar/vc" ]; then
  echo "setup-dcc: npm install (production dependencies, from its package-lock.json)"
  # --ignore-scripts: its only script is husky's git-hook "prepare", which a benchmark does not need.
  (cd "$dest" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
echo "setup-dcc: ready. Start: (cd $dest && PORT=4006 ENABLE_ACCESS_LOGGING=false node server.js)"
