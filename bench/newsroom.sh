#!/usr/bin/env bash
# bench/newsroom.sh: does a flood of sign-ins starve the readers? (issue 6:
# "at most 2 hashes computed at once so a burst of sign-ins cannot starve
# page serving"). The reference is the same reader load without the flood,
# side by side on one server: the ratio is what readers keep.
#
#   bench/newsroom.sh           # build, set up, run (~1-2 minutes)
#
# Knobs: DURATION [15] seconds per run, FLOOD [16] sign-in clients,
#        ARTICLES [1000], NO_BUILD [0].
#
# What it does:
#  1. builds build/jarida; a fresh demo site; jarida serve --threads 2 on a
#     free loopback port;
#  2. run A: wrk -t1 -c32 on an article page (gzip), alone;
#  3. run B: the same wrk while bench/sign-in-flood.py posts wrong passwords
#     from FLOOD clients, each attempt from its own loopback address and
#     login, so none is short-cut by the throttle: every one costs a real
#     argon2id check (libsodium INTERACTIVE, 64 MiB);
#  4. run C: wrk on the newsroom's article list (/admin/articles, signed in,
#     uncached by design), for the editors' side;
#     run D: 20 wrong passwords for existing logins (bench-writer-1..10,
#     two each, under the throttle's three free ones) and 20 for unknown
#     logins, alternating, one at a time (bench/sign-in-timing.py): the two
#     must take about as long;
#  5. prints the table and writes bench/out/newsroom-<date>.txt.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUTDIR="$ROOT/bench/out"
mkdir -p "$OUTDIR"
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
die() { log "error: $*"; exit 1; }
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
DURATION=${DURATION:-15}
FLOOD=${FLOOD:-16}
ARTICLES=${ARTICLES:-1000}
need_pkg wrk wrk
need_pkg curl curl
build_jarida
TMP=$(mktemp -d /tmp/jarida-newsroom-bench-XXXXXX)
SERVER_PID=""
cleanup() { [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT

DATA="$TMP/data"
"$JARIDA" init --data "$DATA" >/dev/null
"$JARIDA" demo --data "$DATA" --articles "$ARTICLES" >/dev/null
echo "bench-admin-pass" | "$JARIDA" user passwd --login admin --data "$DATA" >/dev/null
# Accounts for run D: each gets two wrong passwords, under the throttle's free three.
for i in $(seq 1 10); do
  echo "bench-writer-pass-$i" |
    "$JARIDA" user add --login "bench-writer-$i" --role author --data "$DATA" >/dev/null
done
PORT=$(pick_port)
"$JARIDA" serve --data "$DATA" --listen "127.0.0.1:$PORT" --threads 2 >"$TMP/serve.log" 2>&1 &
SERVER_PID=$!
wait_http "http://127.0.0.1:$PORT/" || die "server did not start"
BASE="http://127.0.0.1:$PORT"
ARTICLE=$(curl -s "$BASE/" | { grep -o 'href="/[0-9]\{4\}/[0-9]\{2\}/[^"]*"' || true; } | sed -n 1p |
  cut -d'"' -f2 | /usr/bin/python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.stdin.read().strip()))')
[[ -n $ARTICLE ]] || die "no article link on the home page"

# A signed-in session for run C.
COOKIES="$TMP/cookies"
CSRF=$(curl -s -c "$COOKIES" "$BASE/admin/signin" | grep -o 'name="csrf" value="[^"]*"' | cut -d'"' -f4)
curl -s -o /dev/null -b "$COOKIES" -c "$COOKIES" --data-urlencode "csrf=$CSRF" \
  --data-urlencode "login=admin" --data-urlencode "password=bench-admin-pass" "$BASE/admin/signin"
SESSION=$(awk '$6 == "jarida_session" { print $7 }' "$COOKIES")
[[ -n $SESSION ]] || die "could not sign in"

wrk_run() {  # wrk_run NAME URL [extra wrk args...] (call wait_quiet first)
  local name=$1 url=$2; shift 2
  wrk -t1 -c32 -d"${DURATION}s" --latency -H 'Accept-Encoding: gzip' "$@" "$url" >"$TMP/$name.wrk"
}
rps() { awk '/Requests\/sec/ { print $2 }' "$1"; }
pct() { awk -v p="$2" '$1 == p { print $2 }' "$1"; }

log "run A: article page alone (${DURATION}s)"
wait_quiet
wrk_run alone "$BASE$ARTICLE"
log "run B: article page during a sign-in flood of $FLOOD clients"
wait_quiet  # before the flood: the flood itself is the load being measured
/usr/bin/python3 "$ROOT/bench/sign-in-flood.py" "$PORT" "$((DURATION + 2))" "$FLOOD" >"$TMP/flood.txt" &
FLOOD_PID=$!
sleep 1
wrk_run flood "$BASE$ARTICLE"
wait "$FLOOD_PID"
log "run C: the newsroom's article list, signed in"
wait_quiet
wrk -t1 -c4 -d"${DURATION}s" --latency -H "Cookie: jarida_session=$SESSION" \
  "$BASE/admin/articles" >"$TMP/admin.wrk"

log "run D: wrong passwords for an existing and an unknown login, one at a time"
wait_quiet
/usr/bin/python3 "$ROOT/bench/sign-in-timing.py" "$PORT" 20 >"$TMP/timing.txt"

REPORT="$OUTDIR/newsroom-$(date +%Y%m%d-%H%M%S).txt"
{
  echo "bench/newsroom.sh  $(date -u +%FT%TZ)  $(nproc) cores, jarida --threads 2, $ARTICLES demo articles"
  echo
  printf '%-44s %10s %9s %9s\n' "run" "req/s" "p50" "p99"
  printf '%-44s %10s %9s %9s\n' "A article page (wrk -c32, gzip)" "$(rps "$TMP/alone.wrk")" \
    "$(pct "$TMP/alone.wrk" 50%)" "$(pct "$TMP/alone.wrk" 99%)"
  printf '%-44s %10s %9s %9s\n' "B same, during $FLOOD-client sign-in flood" "$(rps "$TMP/flood.wrk")" \
    "$(pct "$TMP/flood.wrk" 50%)" "$(pct "$TMP/flood.wrk" 99%)"
  printf '%-44s %10s %9s %9s\n' "C /admin/articles signed in (wrk -c4)" "$(rps "$TMP/admin.wrk")" \
    "$(pct "$TMP/admin.wrk" 50%)" "$(pct "$TMP/admin.wrk" 99%)"
  echo
  awk -v a="$(rps "$TMP/alone.wrk")" -v b="$(rps "$TMP/flood.wrk")" \
    'BEGIN { printf "readers keep %.0f%% of their throughput during the flood (B/A = %.2f)\n", 100*b/a, b/a }'
  echo "flood: $(cat "$TMP/flood.txt")"
  echo "D sign-in answer time, wrong password:"
  sed 's/^/  /' "$TMP/timing.txt"
  grep -h "Non-2xx" "$TMP"/*.wrk || echo "no non-2xx answers to wrk"
} | tee "$REPORT"
log "report: $REPORT"
