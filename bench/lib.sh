# Shared by the benchmarks (bench/article.sh, bench/search.sh); sourced after
# the caller defines log, die, ROOT and OUTDIR (and TMP before the monitor
# runs). Tools, the build, ports, and keeping measurements off a busy machine.

need_pkg() {  # need_pkg COMMAND PACKAGE
  command -v "$1" >/dev/null 2>&1 && return 0
  log "installing $2 (apt-get)"
  if [[ -z "${APT_UPDATED:-}" ]]; then apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}

# build/jarida (Release), unless NO_BUILD=1; sets JARIDA.
build_jarida() {
  cd "$ROOT"
  if [[ "${NO_BUILD:-0}" != 1 ]]; then
    log "building build/jarida (Release)"
    # configure + build under the shared build lock (others build in this tree)
    flock /tmp/jarida-build.lock sh -c \
      'cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null &&
       cmake --build build -j2 --target jarida' >"$OUTDIR/.build.log" 2>&1 ||
      { tail -40 "$OUTDIR/.build.log"; die "build failed (log: $OUTDIR/.build.log)"; }
  fi
  JARIDA="$ROOT/build/jarida"
  [[ -x "$JARIDA" ]] || die "no $JARIDA"
}

port_in_use() {  # listening on TCP port $1 (v4 or v6)?
  local hex; printf -v hex ':%04X' "$1"
  awk -v h="$hex" 'substr($2, length($2)-4) == h && $4 == "0A" { f = 1 }
                   END { exit !f }' /proc/net/tcp /proc/net/tcp6 2>/dev/null
}
pick_port() {  # a free port, picked at random from 20000-49999
  local p
  for _ in $(seq 200); do
    p=$((20000 + RANDOM % 30000))
    port_in_use "$p" || { echo "$p"; return 0; }
  done
  return 1
}
wait_http() {  # wait_http URL: up to 10 s for any HTTP answer
  for _ in $(seq 100); do
    curl -s -o /dev/null --max-time 1 "$1" && return 0
    sleep 0.1
  done
  return 1
}

# Measurements must not share the CPUs with a compiler or another test run.
# wait_quiet waits (up to WAIT_BUDGET seconds over the whole benchmark) for
# no cc1plus and at most 25% of the machine busy; the monitor counts, every
# 0.5 s during a run, whether a compiler is running.
CLK_TCK=$(getconf CLK_TCK)
NCPU=$(nproc)
WAIT_BUDGET=${WAIT_BUDGET:-600}
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
busy_pct_1s() {
  local a b; a=$(busy_ticks); sleep 1; b=$(busy_ticks)
  echo $(((b - a) * 100 / (CLK_TCK * NCPU)))
}
wait_quiet() {
  local said=0 pct
  while :; do
    if pgrep -x cc1plus >/dev/null 2>&1; then
      ((said)) || log "  waiting for running compilations (cc1plus) to finish..."
    else
      pct=$(busy_pct_1s)
      ((pct <= 25)) && return 0
      ((said)) || log "  machine ${pct}% busy with something else; waiting..."
    fi
    said=1
    if ((WAIT_BUDGET <= 0)); then
      log "  WARNING: machine still busy, waiting budget used up; measuring anyway"
      return 0
    fi
    sleep 5; WAIT_BUDGET=$((WAIT_BUDGET - 5))
  done
}
MON_PID=""
monitor_start() {
  : >"$TMP/monitor"
  ( while :; do pgrep -x cc1plus >/dev/null 2>&1 && echo cc1plus; sleep 0.5; done ) \
    >>"$TMP/monitor" 2>/dev/null &
  MON_PID=$!
}
monitor_stop() {  # prints how many samples saw a compiler
  kill "$MON_PID" 2>/dev/null || true
  wait "$MON_PID" 2>/dev/null || true
  MON_PID=""
  wc -l <"$TMP/monitor"
}
