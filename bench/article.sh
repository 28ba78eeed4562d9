#!/usr/bin/env bash
# shellcheck disable=SC2059  # printf "$hdrfmt": one table format for every row
# bench/article.sh: Jarida's article page against nginx serving a static copy
# of the very same bytes (the practical ceiling), same machine, same wrk load.
#
#   bench/article.sh            # build, set up, run (~2-3 minutes)
#
# Environment knobs (defaults in brackets):
#   DURATION [15s]   length of each wrk run
#   THREADS  [2]     jarida --threads and nginx worker_processes
#   ARTICLES [1000]  demo articles
#   NO_BUILD [0]     1 = use the existing build/jarida as is
#   ROUNDS   [1]     repeat the three scenarios N times (one table row per
#                    pair, then the median ratio); this VM is noisy, run-to-
#                    run swings of 10-30% in req/s are common
#
# What it does (see also ARCHITECTURE.md "Performance design"):
#  1. builds build/jarida (Release); installs wrk/nginx/curl with apt-get only
#     if they are missing;
#  2. creates a fresh demo site in a temp dir and serves it on a free loopback
#     port; takes the first article link on the home page;
#  3. saves the exact bytes of that article page, as wrk will ask for it, both
#     gzip (Accept-Encoding: gzip) and identity, and serves them with nginx
#     (Debian's, foreground, temp config) on another loopback port;
#  4. runs wrk against both, alternating Jarida/nginx per scenario:
#     c32 gzip, c256 gzip, c32 identity (wrk -t1, keep-alive);
#  5. samples server CPU (utime+stime from /proc/PID/stat) before and after
#     each run, and VmRSS/VmHWM after it;
#  6. prints a table and writes it to bench/out/article-<date>.txt.
#
# nginx serves the copy at the SAME path as Jarida: the file is stored under
# www/<yyyy>/<mm>/<arabic slug>/index.html (+ index.html.gz) with the slug
# decoded to UTF-8 on disk; nginx percent-decodes the request target and
# finds it. So both servers get byte-identical requests (same request line
# length, same headers). gzip_static serves the .gz, which is the exact gzip
# body Jarida sent, so nginx never compresses per request. The response
# headers Jarida sends (CSP, nosniff, Referrer-Policy, ...) are added to
# nginx's responses with add_header so both answer with similar header bytes;
# the table shows bytes per response for both.
#
# The visit counter: all wrk connections come from 127.0.0.1 with the same
# browser User-Agent, so only the first request ever counts as a visit and
# every later one is a repeat view. That is the correct behaviour, and the
# work the counter does per request (bot check by User-Agent + repeat-filter
# lookup of hashed IP+UA) still runs on every request, so it is measured.
#
# The machine has 2 cores: wrk -t1 takes one, both servers get 2
# threads/workers and compete with wrk for the rest. Other engineers build
# and test in this tree, so before each run the script waits for a quiet
# machine (no cc1plus, <25% busy), warns when the load average is high, and
# runs a pair again when other work showed up during it (see wait_quiet).
# Absolute numbers move with the machine; the ratio Jarida/nginx is the
# figure to compare.

set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
DURATION=${DURATION:-15s}
THREADS=${THREADS:-2}
ARTICLES=${ARTICLES:-1000}
NO_BUILD=${NO_BUILD:-0}
ROUNDS=${ROUNDS:-1}
UA='Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36'
LUA="$HERE/wrk-report.lua"
OUTDIR="$ROOT/bench/out"
mkdir -p "$OUTDIR"
OUTFILE="$OUTDIR/article-$(date +%Y%m%d-%H%M%S).txt"
: > "$OUTFILE"

# log: to the terminal and to the results file.
log() { printf '%s\n' "$*" | tee -a "$OUTFILE"; }
die() { log "article.sh: $*"; exit 1; }

# ---------------------------------------------------------------- cleanup ---
TMP=""
JARIDA_PID=""
NGINX_PID=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n "$MON_PID" ]]; then kill "$MON_PID" 2>/dev/null || true; fi
  if [[ -n "$NGINX_PID" ]] && kill -0 "$NGINX_PID" 2>/dev/null; then
    kill -TERM "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
  fi
  if [[ -n "$JARIDA_PID" ]] && kill -0 "$JARIDA_PID" 2>/dev/null; then
    kill -TERM "$JARIDA_PID" 2>/dev/null || true
    wait "$JARIDA_PID" 2>/dev/null || true
  fi
  [[ -n "$TMP" && -d "$TMP" ]] && rm -rf "$TMP"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ------------------------------------------------------------------ tools ---
source "$ROOT/bench/lib.sh"
need_pkg wrk wrk
need_pkg nginx nginx
need_pkg curl curl
need_pkg gzip gzip
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# ------------------------------------------------------------------ build ---
build_jarida

# ---------------------------------------------------------------- helpers ---
# percent-encode every byte outside unreserved ASCII, keep '/' and any '%XX'
urlencode_path() {
  local LC_ALL=C s=$1 out="" c h i
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}
    case $c in
      [a-zA-Z0-9/._~%-]) out+=$c ;;
      *) printf -v h '%%%02X' "'$c"; out+=$h ;;
    esac
  done
  printf '%s' "$out"
}
urldecode() { local s=${1//+/ }; printf '%b' "${s//%/\\x}"; }

cpu_ticks() {
  local pid sum=0 t
  for pid in "$@"; do
    t=$(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat")
    sum=$((sum + t))
  done
  echo "$sum"
}
# "rss_kib hwm_kib pss_kib" summed over the given pids
mem_kib() {
  local pid r=0 h=0 p=0 a b c
  for pid in "$@"; do
    read -r a b < <(awk '/^VmRSS:/ { r = $2 } /^VmHWM:/ { h = $2 }
                         END { print r + 0, h + 0 }' "/proc/$pid/status")
    c=$(awk '/^Pss:/ { print $2; exit }' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)
    r=$((r + a)); h=$((h + b)); p=$((p + ${c:-0}))
  done
  echo "$r $h $p"
}
jarida_pids() { echo "$JARIDA_PID"; }
nginx_pids() {  # master + workers, space-separated
  # shellcheck disable=SC2046  # one word per pid is the point
  echo "$NGINX_PID" $(pgrep -P "$NGINX_PID" || true)
}

# Measurements must not share the CPUs with a compiler or a test run of
# another engineer. Before each run: wait while cc1plus runs or while the
# machine (servers idle) is more than 25% busy over one second; at most 10
# minutes of waiting for the whole benchmark, then measure anyway with a
# warning. During each run a sampler looks for cc1plus every 0.5 s; a pair
# that met one, or during which more than OTHER_MAX_PCT of the machine's CPU
# went to something other than the server and wrk (from /proc/stat; the
# kernel's loopback softirq work not charged to a process is 5-8% on a quiet
# machine), is run again (up to 3 times).
OTHER_MAX_PCT=10
# CPU (clock ticks) used by this shell's reaped children, into variable $1.
# `times` must run in this shell, not in $(...) where it would see a fork.
child_ticks() {
  times >"$TMP/times"
  printf -v "$1" '%s' "$(awk -v hz="$CLK_TCK" 'NR == 2 {
      n = 0
      for (i = 1; i <= 2; i++) { split($i, p, "m"); sub("s", "", p[2]); n += p[1] * 60 + p[2] }
      printf "%d", n * hz + 0.5 }' "$TMP/times")"
}

# --------------------------------------------------------------- the site ---
TMP=$(mktemp -d /tmp/jarida-bench.XXXXXX)
DATA="$TMP/data"
"$JARIDA" init --data "$DATA" >"$TMP/init.log" 2>&1 || { cat "$TMP/init.log"; die "jarida init failed"; }
"$JARIDA" demo --data "$DATA" --articles "$ARTICLES" --seed 1 >"$TMP/demo.log" 2>&1 ||
  { cat "$TMP/demo.log"; die "jarida demo failed"; }

PORT1=$(pick_port) || die "no free port"
"$JARIDA" serve --data "$DATA" --listen "127.0.0.1:$PORT1" --threads "$THREADS" \
  >"$TMP/jarida.log" 2>&1 &
JARIDA_PID=$!
wait_http "http://127.0.0.1:$PORT1/" || { cat "$TMP/jarida.log"; die "jarida did not start"; }

HREF=$(curl -s -A "$UA" "http://127.0.0.1:$PORT1/" |
       grep -oE 'href="/[0-9]{4}/[0-9]{2}/[^"]+/"' | head -1 | sed 's/^href="//; s/"$//') ||
  true
[[ -n "$HREF" ]] || die "no article link on the home page"
HREF=${HREF//&amp;/&}
ARTICLE_PATH=$(urlencode_path "$HREF")   # what goes on the request line
ARTICLE_FS=$(urldecode "$ARTICLE_PATH")  # UTF-8 folder name for nginx
case "$ARTICLE_FS" in *..*|*$'\n'*) die "odd article path: $ARTICLE_FS" ;; esac

# ------------------------------------------------------ the static copy -----
# Fetch as wrk will: wrk sends "GET path HTTP/1.1", Host, then our -H headers.
# curl's own "Accept: */*" is removed so the request headers are the same.
SAVE="$TMP/save"
mkdir -p "$SAVE"
fetch() {  # fetch PORT ENCODING OUTBASE  -> OUTBASE.body OUTBASE.head
  local ae=()
  [[ "$2" == gzip ]] && ae=(-H 'Accept-Encoding: gzip')
  curl -s --http1.1 -H 'Accept:' -A "$UA" "${ae[@]}" \
    -D "$3.head" -o "$3.body" "http://127.0.0.1:$1$ARTICLE_PATH"
}
fetch "$PORT1" gzip "$SAVE/jarida-gzip"
fetch "$PORT1" identity "$SAVE/jarida-identity"
for v in gzip identity; do
  head -1 "$SAVE/jarida-$v.head" | grep -q ' 200' ||
    die "jarida answered $(head -1 "$SAVE/jarida-$v.head") for $ARTICLE_PATH ($v)"
done
JARIDA_GZIP=no
grep -qi '^content-encoding: *gzip' "$SAVE/jarida-gzip.head" && JARIDA_GZIP=yes
gzip -t <"$SAVE/jarida-gzip.body" 2>/dev/null || JARIDA_GZIP="$JARIDA_GZIP (body is NOT valid gzip)"

WWW="$TMP/nginx/www"
DOC="$WWW$ARTICLE_FS"
mkdir -p "$DOC"
cp "$SAVE/jarida-identity.body" "$DOC/index.html"
if [[ "$JARIDA_GZIP" == yes ]]; then
  cp "$SAVE/jarida-gzip.body" "$DOC/index.html.gz"
else
  gzip -9 -n -c "$SAVE/jarida-identity.body" >"$DOC/index.html.gz"
fi

# Jarida's own response headers, replayed by nginx (not the ones nginx makes).
ADD_HEADERS=""
while IFS= read -r line; do
  line=${line%$'\r'}
  [[ "$line" == *:* ]] || continue
  name=${line%%:*}; value=${line#*:}; value=${value# }
  case "${name,,}" in
    date|content-length|content-type|content-encoding|vary|etag|last-modified|\
    connection|keep-alive|transfer-encoding|server|set-cookie|accept-ranges) continue ;;
  esac
  if [[ "$value" == *[\"\$\\]* ]]; then log "note: header $name not replayed by nginx"; continue; fi
  ADD_HEADERS+="      add_header $name \"$value\";"$'\n'
done <"$SAVE/jarida-gzip.head"

PORT2=$(pick_port) || die "no free port"
[[ "$PORT2" != "$PORT1" ]] || PORT2=$(pick_port)
NG="$TMP/nginx"
mkdir -p "$NG/tmp"
cat >"$NG/nginx.conf" <<EOF
# generated by bench/article.sh; lives only for one run
user root;
worker_processes $THREADS;
pid $NG/nginx.pid;
error_log $NG/error.log warn;
events { worker_connections 4096; }
http {
  types { text/html html; }
  default_type text/html;
  charset utf-8;
  access_log off;
  server_tokens off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_timeout 65;
  keepalive_requests 100000;
  open_file_cache max=1000 inactive=60s;
  open_file_cache_valid 60s;
  open_file_cache_errors on;
  gzip off;
  gzip_static on;
  gzip_vary on;
  client_body_temp_path $NG/tmp/body;
  proxy_temp_path $NG/tmp/proxy;
  fastcgi_temp_path $NG/tmp/fastcgi;
  uwsgi_temp_path $NG/tmp/uwsgi;
  scgi_temp_path $NG/tmp/scgi;
  server {
    listen 127.0.0.1:$PORT2;
    root $WWW;
    index index.html;
    location / {
$ADD_HEADERS    }
  }
}
EOF
"$NGINX" -t -q -e "$NG/error.log" -c "$NG/nginx.conf" -p "$NG/" ||
  { cat "$NG/error.log"; die "nginx config test failed"; }
"$NGINX" -e "$NG/error.log" -c "$NG/nginx.conf" -p "$NG/" -g 'daemon off;' &
NGINX_PID=$!
wait_http "http://127.0.0.1:$PORT2/" || { cat "$NG/error.log"; die "nginx did not start"; }

fetch "$PORT2" gzip "$SAVE/nginx-gzip"
fetch "$PORT2" identity "$SAVE/nginx-identity"
for v in gzip identity; do
  head -1 "$SAVE/nginx-$v.head" | grep -q ' 200' || die "nginx answered $(head -1 "$SAVE/nginx-$v.head") ($v)"
done
same() { cmp -s "$1" "$2" && echo "same bytes" || echo "DIFFERENT"; }
sz() { stat -c %s "$1"; }

log "Jarida article benchmark  $(date -u +%Y-%m-%dT%H:%M:%SZ)"
log "commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet HEAD -- src 2>/dev/null || echo ' (+ uncommitted changes in src/)')"
log "machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
log "versions: $("$NGINX" -v 2>&1 | sed 's/^nginx version: //'), $(wrk -v 2>&1 | head -1 | awk '{ print $1, $2 }')"
log "site: $ARTICLES demo articles, seed 1; jarida --threads $THREADS; nginx worker_processes $THREADS"
log "page: $HREF"
log "  jarida gzip:     $(sz "$SAVE/jarida-gzip.body") B body, Content-Encoding gzip: $JARIDA_GZIP, headers $(sz "$SAVE/jarida-gzip.head") B"
log "  jarida identity: $(sz "$SAVE/jarida-identity.body") B body (gzip decompresses to $(gzip -dc <"$SAVE/jarida-gzip.body" 2>/dev/null | wc -c) B), headers $(sz "$SAVE/jarida-identity.head") B"
log "  nginx gzip:      $(sz "$SAVE/nginx-gzip.body") B body, $(same "$SAVE/jarida-gzip.body" "$SAVE/nginx-gzip.body") as jarida's gzip body, headers $(sz "$SAVE/nginx-gzip.head") B"
log "  nginx identity:  $(sz "$SAVE/nginx-identity.body") B body, $(same "$SAVE/jarida-identity.body" "$SAVE/nginx-identity.body") as jarida's identity body, headers $(sz "$SAVE/nginx-identity.head") B"
log "wrk: -t1, keep-alive, $DURATION per run, User-Agent: browser; alternating jarida/nginx per scenario"
log ""

# ------------------------------------------------------------------- runs ---
declare -A R   # R[server,scenario,key]
run_one() {  # run_one SERVER SCENARIO CONNS ENCODING
  local server=$1 scen=$2 conns=$3 enc=$4 port pids hdr=() before after b0 b1 w0 w1 line kv
  if [[ $server == jarida ]]; then port=$PORT1; pids=$(jarida_pids); else port=$PORT2; pids=$(nginx_pids); fi
  [[ $enc == gzip ]] && hdr=(-H 'Accept-Encoding: gzip')
  wait_quiet
  R[$server,$scen,load]=$(cut -d' ' -f1 /proc/loadavg)
  monitor_start
  # shellcheck disable=SC2086
  before=$(cpu_ticks $pids)
  b0=$(busy_ticks)
  child_ticks w0
  wrk -t1 -c"$conns" -d"$DURATION" -H "User-Agent: $UA" "${hdr[@]}" \
    -s "$LUA" "http://127.0.0.1:$port$ARTICLE_PATH" >"$TMP/wrk.out" 2>&1 ||
    { cat "$TMP/wrk.out"; die "wrk failed against $server"; }
  child_ticks w1
  b1=$(busy_ticks)
  # shellcheck disable=SC2086
  after=$(cpu_ticks $pids)
  R[$server,$scen,compiler]=$(monitor_stop)
  line=$(grep '^WRKREPORT' "$TMP/wrk.out") || { cat "$TMP/wrk.out"; die "no report from wrk"; }
  # shellcheck disable=SC2086
  read -r "R[$server,$scen,rss]" "R[$server,$scen,hwm]" "R[$server,$scen,pss]" < <(mem_kib $pids)
  for kv in ${line#WRKREPORT }; do R[$server,$scen,${kv%%=*}]=${kv#*=}; done
  R[$server,$scen,cpu_ticks]=$((after - before))
  R[$server,$scen,cpu_us]=$(awk -v t=$((after - before)) -v hz="$CLK_TCK" -v n="${R[$server,$scen,requests]}" \
    'BEGIN { printf "%.1f", n ? t * 1e6 / hz / n : 0 }')
  # everything else the machine did meanwhile (kernel softirq work for the
  # loopback traffic that is not charged to a process shows up here too)
  R[$server,$scen,other_ticks]=$(((b1 - b0) - (after - before) - (w1 - w0)))
  R[$server,$scen,other_pct]=$(awk -v o="${R[$server,$scen,other_ticks]}" -v hz="$CLK_TCK" -v n="$NCPU" \
    -v d="${R[$server,$scen,duration_s]}" 'BEGIN { printf "%d", d ? 100 * o / (hz * n * d) : 0 }')
  R[$server,$scen,disturbed]=0
  if ((R[$server,$scen,compiler] > 0 || R[$server,$scen,other_pct] > OTHER_MAX_PCT)); then
    R[$server,$scen,disturbed]=1
  fi
  log "  $scen $server: $line server_cpu_ticks=$((after - before)) wrk_cpu_ticks=$((w1 - w0)) other_cpu_ticks=${R[$server,$scen,other_ticks]} (of $((b1 - b0)) busy) rss_kib=${R[$server,$scen,rss]} hwm_kib=${R[$server,$scen,hwm]} pss_kib=${R[$server,$scen,pss]} load=${R[$server,$scen,load]} compiler_samples=${R[$server,$scen,compiler]} other_pct=${R[$server,$scen,other_pct]} disturbed=${R[$server,$scen,disturbed]}"
}
run_pair() {  # run_pair SCENARIO CONNS ENCODING
  local attempt
  for attempt in 1 2 3; do
    run_one jarida "$@"
    run_one nginx "$@"
    if ((R[jarida,$1,disturbed] == 0 && R[nginx,$1,disturbed] == 0)); then
      R[x,$1,flag]=""; return 0
    fi
    R[x,$1,flag]="*"
    ((attempt < 3)) && log "  other work ran during $1 (compiler or >${OTHER_MAX_PCT}% foreign CPU): running the pair again"
  done
  log "  WARNING: $1 was disturbed 3 times; keeping the last pair (marked *)"
}

log "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
if awk -v l="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN { exit !(l > 1.0) }'; then
  log "WARNING: load average is high: other work ran recently; each run below waits for a quiet machine first"
fi
# short warm-up of both (fills Jarida's page cache, nginx's open_file_cache)
log "warm-up (2 s each, not counted)"
for p in "$PORT1" "$PORT2"; do
  wrk -t1 -c32 -d2s -H "User-Agent: $UA" -H 'Accept-Encoding: gzip' \
    "http://127.0.0.1:$p$ARTICLE_PATH" >/dev/null
done

SCENARIOS=("c32-gzip 32 gzip" "c256-gzip 256 gzip" "c32-identity 32 identity")
KEYS=()   # one per measured pair: the scenario, plus /rN with ROUNDS > 1
log "runs:"
for ((round = 1; round <= ROUNDS; round++)); do
  for s in "${SCENARIOS[@]}"; do
    read -r scen conns enc <<<"$s"
    key=$scen; ((ROUNDS > 1)) && key="$scen/r$round"
    KEYS+=("$key")
    run_pair "$key" "$conns" "$enc"
  done
done

# both still answer, with the same status as before the load
for srv in jarida nginx; do
  p=$PORT1; [[ $srv == nginx ]] && p=$PORT2
  st=$(curl -s -o /dev/null -w '%{http_code}' -A "$UA" -H 'Accept-Encoding: gzip' "http://127.0.0.1:$p$ARTICLE_PATH")
  [[ $st == 200 ]] || log "WARNING: $srv answers $st after the load"
done

# ------------------------------------------------------------------ table ---
fmt_ms() { awk -v u="$1" 'BEGIN { printf "%.2f", u / 1000 }'; }
fmt_mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
errs() { local s=$1 c=$2; echo $((R[$s,$c,err_connect] + R[$s,$c,err_read] + R[$s,$c,err_write] + R[$s,$c,err_status] + R[$s,$c,err_timeout])); }
log ""
log "Results (req/s; latency p50/p99 in ms; server CPU µs per request; RSS after the run in MiB, nginx = master + workers summed; B/resp = bytes per response incl. headers)"
hdrfmt='%-15s | %9s %7s %7s %7s %6s %6s %4s | %9s %7s %7s %7s %6s %6s %4s | %6s'
log "$(printf "$hdrfmt" "" "jarida" "" "" "" "" "" "" "nginx" "" "" "" "" "" "" "ratio")"
log "$(printf "$hdrfmt" scenario req/s p50 p99 cpu_us rss B/resp err req/s p50 p99 cpu_us rss B/resp err J/N)"
log "$(printf '%.0s-' $(seq 122))"
for scen in "${KEYS[@]}"; do
  row=("$scen")
  for srv in jarida nginx; do
    row+=("$(printf '%.0f' "${R[$srv,$scen,rps]}")"
          "$(fmt_ms "${R[$srv,$scen,p50_us]}")" "$(fmt_ms "${R[$srv,$scen,p99_us]}")"
          "${R[$srv,$scen,cpu_us]}" "$(fmt_mib "${R[$srv,$scen,rss]}")"
          "$((R[$srv,$scen,bytes] / (R[$srv,$scen,requests] > 0 ? R[$srv,$scen,requests] : 1)))"
          "$(errs "$srv" "$scen")")
  done
  row+=("$(awk -v a="${R[jarida,$scen,rps]}" -v b="${R[nginx,$scen,rps]}" 'BEGIN { printf "%.2fx", b ? a / b : 0 }')${R[x,$scen,flag]}")
  log "$(printf "$hdrfmt" "${row[@]}")"
done
for scen in "${KEYS[@]}"; do
  if [[ -n "${R[x,$scen,flag]}" ]]; then
    log "(* = other work (a compiler, or >${OTHER_MAX_PCT}% of the machine's CPU outside the servers and wrk) ran during that pair even after 3 tries: distrust it)"; break
  fi
done
if ((ROUNDS > 1)); then
  for s in "${SCENARIOS[@]}"; do
    read -r scen _ _ <<<"$s"
    ratios=""
    for ((round = 1; round <= ROUNDS; round++)); do
      ratios+=" $(awk -v a="${R[jarida,$scen/r$round,rps]}" -v b="${R[nginx,$scen/r$round,rps]}" 'BEGIN { printf "%.2f", b ? a / b : 0 }')"
    done
    log "$scen J/N per round:$ratios  median $(tr ' ' '\n' <<<"$ratios" | grep . | sort -n |
      awk '{ v[NR] = $1 } END { printf "%.2fx", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')"
  done
fi
LAST=${KEYS[${#KEYS[@]}-1]}
log ""
log "peak RSS (VmHWM): jarida $(fmt_mib "${R[jarida,$LAST,hwm]}") MiB; nginx $(fmt_mib "${R[nginx,$LAST,hwm]}") MiB (summed; nginx PSS $(fmt_mib "${R[nginx,$LAST,pss]}") MiB, jarida PSS $(fmt_mib "${R[jarida,$LAST,pss]}") MiB)"
log "targets (issue 3): jarida >= 1.0x nginx throughput at c32 and c256; RSS <= 64 MiB with 1,000 articles"
log "results written to ${OUTFILE#"$ROOT"/}"
