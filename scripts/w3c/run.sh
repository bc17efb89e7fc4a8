#!/usr/bin/env bash
# Runs the W3C / W3C-CCG conformance suites (../shared/w3c-suites/run-suites.sh) against this
# project's issuer service: three instances on loopback, each with a fresh did:key
# (Ed25519 for VC 2.0 / EdDSA / VC-API / status list, P-256 and P-384 for the ECDSA suite),
# a scratch data folder under $W3C_WORK (default /tmp/open-credentials-w3c), and the W3C examples
# v2 context configured through CONTEXTS_FILE and allowed with ALLOW_TESTING_CONTEXTS=true (the
# suites' fixtures use it; its content is a bare @vocab, which the issuer refuses by default).
#
# usage: MIRROR_ROOT=/work/.mirror bash scripts/w3c/run.sh [suite ...]
#   suites: vc-data-model-2.0 vc-di-eddsa vc-api-issuer vc-api-verifier vc-bitstring-status-list vc-di-ecdsa
#   (default: all six). Nothing is written inside the repository.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SHARED="${SHARED_DIR:-$ROOT/../shared}"
WORK="${W3C_WORK:-/tmp/open-credentials-w3c}"
MIRROR_ROOT="${MIRROR_ROOT:-/work/.mirror}"
BASE_PORT="${W3C_BASE_PORT:-43100}"
TOKEN="w3c-suite-token-$(node -e 'console.log(require("crypto").randomBytes(12).toString("hex"))')"
export MIRROR_ROOT
cd "$ROOT"
[ -d node_modules ] || npm run setup >/dev/null

rm -rf "$WORK/instances"; mkdir -p "$WORK/instances"
node --import tsx scripts/w3c/contexts.ts >"$WORK/contexts.json"

PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM

start() { # name algorithm port tls-port
  local dir="$WORK/instances/$1"; mkdir -p "$dir"
  if curl -s -o /dev/null "http://127.0.0.1:$3/"; then
    echo "something already listens on 127.0.0.1:$3 (an earlier run?); stop it or set W3C_BASE_PORT" >&2; exit 1
  fi
  node --import tsx scripts/gen-key.ts --algorithm "$2" --out "$dir/key.json" >/dev/null
  ( cd packages/issuer && PORT="$3" HOST=127.0.0.1 DATA_DIR="$dir/data" ISSUER_KEY_FILE="$dir/key.json" \
      PUBLIC_BASE_URL="https://127.0.0.1:$4" CONTEXTS_FILE="$WORK/contexts.json" ALLOW_TESTING_CONTEXTS=true LOG_LEVEL=warn \
      ISSUER_TOKENS="[{\"name\":\"w3c\",\"token\":\"$TOKEN\",\"scopes\":[\"write:/credentials/issue\",\"write:/credentials/status\",\"read:/credentials\"]}]" \
      exec node start.mjs >"$dir/server.log" 2>&1 ) &
  PIDS+=($!)
  for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$3/" && return 0; sleep 0.2; done
  echo "instance $1 did not start; see $dir/server.log" >&2; cat "$dir/server.log" >&2; exit 1
}
TLS=$((BASE_PORT + 40))
start ed25519 Ed25519 "$BASE_PORT" "$TLS"
start p256 P-256 "$((BASE_PORT + 1))" "$((TLS + 1))"
start p384 P-384 "$((BASE_PORT + 2))" "$((TLS + 2))"

id() { node -p 'require(process.argv[1]).controller' "$WORK/instances/$1/key.json"; }
SUITES="${*:-${SUITES:-}}" TLS_PORT="$TLS" \
  ECDSA_BASE_URL="http://127.0.0.1:$((BASE_PORT + 1))" ECDSA_ISSUER_ID="$(id p256)" ECDSA_TLS_PORT="$((TLS + 1))" \
  ECDSA_P384_BASE_URL="http://127.0.0.1:$((BASE_PORT + 2))" ECDSA_P384_ISSUER_ID="$(id p384)" ECDSA_P384_TLS_PORT="$((TLS + 2))" \
  ENDPOINT_HEADERS="{\"Authorization\":\"Bearer $TOKEN\"}" \
  bash "$SHARED/w3c-suites/run-suites.sh" "http://127.0.0.1:$BASE_PORT" "$(id ed25519)"
