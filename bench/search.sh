#!/usr/bin/env bash
# shellcheck disable=SC2059  # printf "$rowfmt": one table format for every row
# bench/search.sh: Jarida's search (issue 5) on a big demo site: latency and
# throughput of /api/v1/search for one-word, several-word, phrase and typo
# queries, the time to build the index and its size, and, as a reference,
# what stock WordPress does for a search (SQL LIKE over title and body).
#
#   bench/search.sh             # build, set up, run (~6-8 minutes)
#   ARTICLES=5000 SECS=3 bench/search.sh   # quick check (~1 minute)
#
# Environment knobs (defaults in brackets):
#   ARTICLES [100000] demo articles (jarida demo --seed 1)
#   SECS     [10]     length of each wrk run, in seconds (5 runs)
#   CONNS    [8]      wrk connections (wrk -t2)
#   THREADS  [2]      jarida serve --threads
#   SEED     [5]      seed of the query generator
#   PER_CLASS [250]   queries per class (4 classes; mixed = all of them)
#   LIKE_N   [100]    one-word queries timed with SQL LIKE (~1.5 s each on
#                     100,000 articles)
#   NO_BUILD [0]      1 = use the existing build/jarida as is
#
# Targets (issue 5): p99 <= 10 ms for one word and <= 25 ms for several
# words; index build <= 60 s; index <= 1.5x the text it indexes. The issue
# names one-word and several-word queries only; the table also holds phrase
# queries (several words) and typos (one word) against the target of their
# word count, in parentheses.
#
# What it does:
#  1. builds build/jarida (Release) under the shared build lock; installs
#     wrk/curl/sqlite3 with apt-get only if they are missing;
#  2. creates a fresh site in a temp dir: jarida init, jarida demo
#     --articles $ARTICLES --seed 1, then times jarida reindex (the index
#     build time is the figure reindex prints, the wall time is logged too);
#  3. index size = pages (dbstat pgsize) of the FTS5 shadow tables
#     search_fts_data/_idx/_docsize/_config; the text it indexes = bytes of
#     the text columns of search_docs (title, kicker, excerpt, tags,
#     category, body). search_docs itself (the external content table the
#     snippets are cut from) is logged but not counted as index;
#  4. bench/search-queries.py generate: 4 x $PER_CLASS queries taken from
#     the published titles with a fixed seed (one word, several words
#     unquoted, "phrases", typos), URL-encoded, one file per class + mixed;
#  5. serves the site on a free loopback port (random); warm-up = one
#     sequential pass over all the queries (bench/search-queries.py check),
#     which also checks every answer is 200 with JSON and counts queries
#     with no result / with a suggestion;
#  6. wrk -t2 -c$CONNS -d${SECS}s --latency -s bench/search-wrk.lua per
#     class, then on the mixed set (the Lua script cycles through the
#     class's list, thread 2 starting half-way, and counts non-200
#     answers);
#  7. the reference (bench/search-queries.py like): the first $LIKE_N
#     one-word queries as WordPress runs them, SELECT ... WHERE title LIKE
#     '%w%' OR body_html LIKE '%w%' ORDER BY published_at DESC LIMIT 10
#     plus the count(*), single-threaded on a read-only connection to the
#     same database; and the same queries against Jarida by one client,
#     sequentially, for a like-for-like single-client figure. LIKE also
#     finds fewer of the relevant articles (no normalization, no stemming,
#     matches inside the HTML) and ranks nothing: it is a speed reference
#     only, not a relevance one;
#  8. prints a summary and writes the log to bench/out/search-<date>.txt and
#     the raw outputs (demo/reindex logs, queries, wrk outputs, index size
#     per table, the reference) to bench/out/search-<date>/.
#
# The machine has 2 cores: wrk (2 threads) and the server share them, as in
# bench/article.sh. Other engineers build and test in this tree, so before
# each wrk run the script waits (at most 5 minutes in all) for no cc1plus
# and a machine under 25% busy, and marks with * a run during which a
# compiler ran. Absolute numbers move with the machine.

set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
ARTICLES=${ARTICLES:-100000}
SECS=${SECS:-10}
CONNS=${CONNS:-8}
THREADS=${THREADS:-2}
SEED=${SEED:-5}
PER_CLASS=${PER_CLASS:-250}
LIKE_N=${LIKE_N:-100}
NO_BUILD=${NO_BUILD:-0}
WRK_THREADS=2
LUA="$HERE/search-wrk.lua"
QPY="$HERE/search-queries.py"
CLASSES=(one-word several phrase typo mixed)
OUTDIR="$ROOT/bench/out"
mkdir -p "$OUTDIR"
STAMP=$(date +%Y%m%d-%H%M%S)
OUTFILE="$OUTDIR/search-$STAMP.txt"
RAW="$OUTDIR/search-$STAMP"
mkdir -p "$RAW"
: > "$OUTFILE"

# log: to the terminal and to the results file.
log() { printf '%s\n' "$*" | tee -a "$OUTFILE"; }
die() { log "search.sh: $*"; exit 1; }

# ---------------------------------------------------------------- cleanup ---
TMP=""
JARIDA_PID=""
MON_PID=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n "$MON_PID" ]]; then kill "$MON_PID" 2>/dev/null || true; fi
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
WAIT_BUDGET=300  # shorter than article.sh's: this benchmark is long already
source "$ROOT/bench/lib.sh"
need_pkg wrk wrk
need_pkg curl curl
need_pkg sqlite3 sqlite3
need_pkg python3 python3

# ------------------------------------------------------------------ build ---
build_jarida

# ---------------------------------------------------------------- helpers ---
now_ns() { date +%s%N; }
secs_since() { awk -v a="$1" -v b="$(now_ns)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }'; }
mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }

log "Jarida search benchmark  $(date -u +%Y-%m-%dT%H:%M:%SZ)"
log "commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet HEAD -- src 2>/dev/null || echo ' (+ uncommitted changes in src/)')"
log "machine: $NCPU cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo); load average $(cut -d' ' -f1-3 /proc/loadavg)"
log "versions: $(wrk -v 2>&1 | head -1 | awk '{ print $1, $2 }'), sqlite3 $(sqlite3 --version | awk '{ print $1 }'), $(python3 --version)"
log "raw outputs: ${RAW#"$ROOT"/}/"

# --------------------------------------------------------------- the site ---
TMP=$(mktemp -d /tmp/jarida-search-bench.XXXXXX)
DATA="$TMP/data"
DB="$DATA/jarida.db"
"$JARIDA" init --data "$DATA" >"$TMP/init.log" 2>&1 || { cat "$TMP/init.log"; die "jarida init failed"; }
log "demo: $ARTICLES articles, seed 1..."
t0=$(now_ns)
"$JARIDA" demo --data "$DATA" --articles "$ARTICLES" --seed 1 >"$RAW/demo.log" 2>&1 ||
  { cat "$RAW/demo.log"; die "jarida demo failed"; }
log "  $(tail -1 "$RAW/demo.log") (wall $(secs_since "$t0") s)"

log "reindex..."
t0=$(now_ns)
"$JARIDA" reindex --data "$DATA" >"$RAW/reindex.log" 2>&1 ||
  { cat "$RAW/reindex.log"; die "jarida reindex failed"; }
REINDEX_WALL=$(secs_since "$t0")
REINDEX_LINE=$(grep 'Search index rebuilt' "$RAW/reindex.log" | tail -1) ||
  die "no 'Search index rebuilt' line from jarida reindex (log: $RAW/reindex.log)"
BUILD_S=$(sed -nE 's/.* in ([0-9.]+) s.*/\1/p' <<<"$REINDEX_LINE")
[[ -n "$BUILD_S" ]] || die "cannot read the time in: $REINDEX_LINE"
PUBLISHED=$(sed -nE 's/.*rebuilt: ([0-9]+) published.*/\1/p' <<<"$REINDEX_LINE")
log "  $REINDEX_LINE (wall $REINDEX_WALL s)"

# ------------------------------------------------------------- index size ---
sql() { sqlite3 -readonly -batch -noheader "$DB" "$@"; }
sql -header -column "SELECT name, count(*) AS pages, sum(pgsize) AS bytes FROM dbstat
                     WHERE name LIKE 'search%' GROUP BY name ORDER BY name" >"$RAW/index-size.txt"
INDEX_BYTES=$(sql "SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name IN
                   ('search_fts_data', 'search_fts_idx', 'search_fts_docsize', 'search_fts_config')")
DOCS_BYTES=$(sql "SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name = 'search_docs'")
TEXT_BYTES=$(sql "SELECT coalesce(sum(length(CAST(title AS BLOB)) + length(CAST(kicker AS BLOB)) +
                     length(CAST(excerpt AS BLOB)) + length(CAST(tags AS BLOB)) +
                     length(CAST(category AS BLOB)) + length(CAST(body AS BLOB))), 0) FROM search_docs")
DOCS_N=$(sql "SELECT count(*) FROM search_docs")
DB_BYTES=$(stat -c %s "$DB")
((TEXT_BYTES > 0)) || die "search_docs holds no text"
RATIO=$(awk -v i="$INDEX_BYTES" -v t="$TEXT_BYTES" 'BEGIN { printf "%.2f", i / t }')
{ echo "index (FTS5 shadow tables) bytes: $INDEX_BYTES"; echo "indexed text bytes: $TEXT_BYTES";
  echo "search_docs rows: $DOCS_N"; echo "database file bytes: $DB_BYTES"; } >>"$RAW/index-size.txt"
log "index: $(mib "$INDEX_BYTES") MiB (search_fts_data/_idx/_docsize/_config) for $(mib "$TEXT_BYTES") MiB of text in $DOCS_N search_docs rows = ${RATIO}x"
log "  not counted: search_docs (the text itself, for snippets) $(mib "$DOCS_BYTES") MiB; database file $(mib "$DB_BYTES") MiB"

# ---------------------------------------------------------------- queries ---
QDIR="$RAW/queries"
python3 "$QPY" generate "$DB" "$QDIR" --seed "$SEED" --per-class "$PER_CLASS" | tee -a "$OUTFILE"

# ------------------------------------------------------------------ serve ---
PORT=$(pick_port) || die "no free port"
"$JARIDA" serve --data "$DATA" --listen "127.0.0.1:$PORT" --threads "$THREADS" \
  >"$RAW/serve.log" 2>&1 &
JARIDA_PID=$!
wait_http "http://127.0.0.1:$PORT/" || { cat "$RAW/serve.log"; die "jarida did not start"; }
log "jarida serve --threads $THREADS on 127.0.0.1:$PORT"

log "warm-up: one sequential pass over the $((4 * PER_CLASS)) queries, checking every answer"
t0=$(now_ns)
python3 "$QPY" check "$PORT" "$QDIR" >"$RAW/check.txt" 2>"$RAW/check.err" ||
  { cat "$RAW/check.err"; die "warm-up failed"; }
[[ -s "$RAW/check.err" ]] && head -10 "$RAW/check.err" | tee -a "$OUTFILE"
declare -A C   # C[class,key] from the CHECK lines
while read -r tag kvs; do
  [[ $tag == CHECK ]] || continue
  cls=""
  for kv in $kvs; do
    [[ ${kv%%=*} == class ]] && { cls=${kv#*=}; continue; }
    C[$cls,${kv%%=*}]=${kv#*=}
  done
done <"$RAW/check.txt"
log "  took $(secs_since "$t0") s; per class: queries, answers not 200, bad JSON, found something, found nothing, got a suggestion"
for cls in one-word several phrase typo; do
  log "$(printf '  %-9s %4s  non-200 %s  bad-json %s  hits %4s  zero %4s  suggestion %4s' "$cls" \
    "${C[$cls,queries]}" "${C[$cls,non200]}" "${C[$cls,bad_json]}" "${C[$cls,hits]}" "${C[$cls,zero]}" "${C[$cls,suggestion]}")"
done

# ------------------------------------------------------------------- runs ---
declare -A R   # R[class,key]
log "wrk -t$WRK_THREADS -c$CONNS -d${SECS}s per class:"
for cls in "${CLASSES[@]}"; do
  wait_quiet
  load=$(cut -d' ' -f1 /proc/loadavg)
  monitor_start
  wrk -t"$WRK_THREADS" -c"$CONNS" -d"${SECS}s" --latency -s "$LUA" \
    "http://127.0.0.1:$PORT" -- "$QDIR/$cls.txt" "$WRK_THREADS" >"$RAW/wrk-$cls.txt" 2>&1 ||
    { cat "$RAW/wrk-$cls.txt"; die "wrk failed ($cls)"; }
  R[$cls,compiler]=$(monitor_stop)
  line=$(grep '^WRKREPORT' "$RAW/wrk-$cls.txt") || { cat "$RAW/wrk-$cls.txt"; die "no report from wrk ($cls)"; }
  for kv in ${line#WRKREPORT }; do R[$cls,${kv%%=*}]=${kv#*=}; done
  R[$cls,flag]=""; ((R[$cls,compiler] > 0)) && R[$cls,flag]="*"
  log "  $cls: $line load=$load compiler_samples=${R[$cls,compiler]}"
done
kill -0 "$JARIDA_PID" 2>/dev/null || { tail -20 "$RAW/serve.log"; die "jarida died during the runs"; }

# -------------------------------------------------------------- reference ---
log "reference: $LIKE_N one-word queries with SQL LIKE (as WordPress), single-threaded, read-only connection; same queries against Jarida by one client"
t0=$(now_ns)
python3 "$QPY" like "$DB" "$PORT" "$QDIR/one-word.txt" --n "$LIKE_N" >"$RAW/like.txt" 2>&1 ||
  { cat "$RAW/like.txt"; die "reference run failed"; }
while read -r tag kvs; do
  case $tag in LIKE|SEQ) ;; *) continue ;; esac
  for kv in $kvs; do R[$tag,${kv%%=*}]=${kv#*=}; done
  log "  $tag $kvs"
done <"$RAW/like.txt"
log "  took $(secs_since "$t0") s"

# ---------------------------------------------------------------- summary ---
ms() { awk -v u="$1" 'BEGIN { printf "%.2f", u / 1000 }'; }
sockerr() { local c=$1; echo $((R[$c,err_connect] + R[$c,err_read] + R[$c,err_write] + R[$c,err_timeout])); }
target() {  # target CLASS -> "<= N" (issue's), "(<= N)" (by word count) or "-"
  case $1 in
    one-word) echo "<= 10" ;; several) echo "<= 25" ;;
    phrase) echo "(<= 25)" ;; typo) echo "(<= 10)" ;; *) echo "-" ;;
  esac
}
verdict() {  # verdict VALUE LIMIT
  awk -v v="$1" -v l="$2" 'BEGIN { print (v <= l ? "ok" : "MISSED") }'
}
fmt_n() { sed -E ':a; s/([0-9])([0-9]{3})($|,)/\1,\2\3/; ta' <<<"$1"; }  # 100000 -> 100,000
log ""
log "search benchmark: $(fmt_n "$ARTICLES") articles (demo, $PUBLISHED published), wrk -t$WRK_THREADS -c$CONNS, $SECS s per class, jarida --threads $THREADS"
log "index build: $(printf '%.1f' "$BUILD_S") s (wall $REINDEX_WALL s) (target <= 60 s: $(verdict "$BUILD_S" 60))"
log "index size: $(mib "$INDEX_BYTES") MiB for $(mib "$TEXT_BYTES") MiB of text = ${RATIO}x (target <= 1.5x: $(verdict "$RATIO" 1.5))"
rowfmt='%-10s %7s %7s %10s %8s %8s   %-9s %s'
log "$(printf "$rowfmt" class "p50 ms" "p99 ms" queries/s non-200 sock-err "p99 target" "")"
for cls in "${CLASSES[@]}"; do
  t=$(target "$cls"); v=""
  if [[ $t != - ]]; then lim=${t//[^0-9]/}; v=$(verdict "$(ms "${R[$cls,p99_us]}")" "$lim"); fi
  log "$(printf "$rowfmt" "$cls${R[$cls,flag]}" "$(ms "${R[$cls,p50_us]}")" "$(ms "${R[$cls,p99_us]}")" \
    "$(printf '%.0f' "${R[$cls,rps]}")" "${R[$cls,non200]}" "$(sockerr "$cls")" "$t" "$v")"
done
for cls in "${CLASSES[@]}"; do
  if [[ -n "${R[$cls,flag]}" ]]; then
    log "(* = a compiler ran during that run: distrust it)"; break
  fi
done
# ratio A B: A / B, one decimal below 10, none above ("-" when B is 0)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) { print "-"; exit } r = a / b; f = r < 10 ? "%.1f" : "%.0f"; printf f, r }'; }
J50=$(ms "${R[one-word,p50_us]}")
log "reference (SQL LIKE, like WordPress), one word: p50 ${R[LIKE,p50_ms]} ms p99 ${R[LIKE,p99_ms]} ms -> Jarida is $(ratio "${R[LIKE,p50_ms]}" "$J50")x faster at p50"
log "  (Jarida one-word p50 $J50 ms under wrk -c$CONNS; Jarida p50 / LIKE p50 = $(awk -v j="$J50" -v l="${R[LIKE,p50_ms]}" 'BEGIN { if (l > 0) printf "%.3f", j / l; else print "-" }'))"
log "  same $LIKE_N queries, one client, sequential: Jarida p50 ${R[SEQ,p50_ms]} ms p99 ${R[SEQ,p99_ms]} ms (over HTTP) -> $(ratio "${R[LIKE,p50_ms]}" "${R[SEQ,p50_ms]}")x faster at p50"
log "  LIKE found something for ${R[LIKE,hits]}/${R[LIKE,queries]} of them; it is a speed reference only: it misses variant spellings and inflections and ranks nothing"
log "results written to ${OUTFILE#"$ROOT"/} (raw outputs in ${RAW#"$ROOT"/}/)"
