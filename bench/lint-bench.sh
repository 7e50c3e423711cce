#!/usr/bin/env bash
# Lint benchmark: migration-delivery vs squawk 2.66 on a generated PostgreSQL corpus.
#
#   bench/lint-bench.sh [options]
#
#   --runs N          timed runs per tool (default 10, at least 5)
#   --warmup N        untimed warm-up runs per tool (default 2)
#   --corpus DIR      corpus directory (default bench/corpus/pg; generated when it has no V*.sql)
#   --regenerate      regenerate the corpus even when present
#   --wait-idle SECS  before each timed tool, wait up to SECS for the CPUs to be >= 90% idle
#   --no-install      do not npm-install squawk / apt-get install hyperfine when missing
#   --skip-squawk | --skip-cli | --skip-inprocess
#   -h | --help
#
# Environment: JAVA (default java), JAVA_OPTS (extra JVM flags for the CLI and in-process runs),
# JAR (default cli/target/migration-delivery.jar), BENCH_NO_HYPERFINE=1 (use the bash timer).
#
# Prints the wall time of one whole-process run of each tool over the corpus (median of
# the timed runs; our CLI both as `java -jar` and through the launcher script next to the jar),
# the ratios cli/squawk, the peak RSS of each tool, and the output of the
# in-process throughput benchmark (statements/s). Raw results go to bench/out/.
# The script never fails because a tool reported violations; it fails only on setup errors.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT" || exit 2

RUNS=10
WARMUP=2
CORPUS=bench/corpus/pg
REGEN=0
INSTALL=1
DO_SQUAWK=1
DO_CLI=1
DO_INPROC=1
WAIT_IDLE=0
JAVA="${JAVA:-java}"
JAVA_OPTS="${JAVA_OPTS:-}"
JAR="${JAR:-cli/target/migration-delivery.jar}"
LAUNCHER="$(dirname "$JAR")/migration-delivery"
INPROC_CLASS=io.github.migrationdelivery.bench.LintThroughput
BENCH_CLASSES="$ROOT/bench/target/classes"
SQUAWK_VERSION=2.66.0
OUT=bench/out

usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --corpus) CORPUS="$2"; shift 2 ;;
    --regenerate) REGEN=1; shift ;;
    --wait-idle) WAIT_IDLE="$2"; shift 2 ;;
    --no-install) INSTALL=0; shift ;;
    --skip-squawk) DO_SQUAWK=0; shift ;;
    --skip-cli) DO_CLI=0; shift ;;
    --skip-inprocess) DO_INPROC=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done
if [ "$RUNS" -lt 5 ]; then echo "--runs must be at least 5" >&2; exit 2; fi
mkdir -p "$OUT"

say() { printf '\n== %s\n' "$*"; }

# ---------------------------------------------------------------- machine
say "machine"
echo "date:    $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "cores:   $(nproc)   memory: $(free -g | awk '/^Mem:/{print $2" GiB"}')"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg)   (other work on the machine skews every figure)"
echo "cpu:     $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"

# ---------------------------------------------------------------- corpus
say "corpus"
if [ "$REGEN" = 1 ] || ! compgen -G "$CORPUS/V*.sql" >/dev/null; then
  if [ "$CORPUS" = bench/corpus/pg ]; then
    python3 bench/generate-corpus.py --dialect postgresql || { echo "corpus generation failed" >&2; exit 2; }
  else
    python3 bench/generate-corpus.py --dialect postgresql --out "$CORPUS" || { echo "corpus generation failed" >&2; exit 2; }
  fi
fi
NFILES=$(find "$CORPUS" -maxdepth 1 -name 'V*.sql' | wc -l)
NSTMTS=$(sed -n 's/.* statements=\([0-9]*\).*/\1/p' "$CORPUS/MANIFEST.txt" 2>/dev/null | head -1)
echo "$CORPUS: $NFILES files, ${NSTMTS:-?} statements ($(du -sh "$CORPUS" | cut -f1))"

# ---------------------------------------------------------------- tools
HYPERFINE=""
if [ "${BENCH_NO_HYPERFINE:-0}" = 1 ]; then
  :
elif command -v hyperfine >/dev/null; then
  HYPERFINE=hyperfine
elif [ "$INSTALL" = 1 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing hyperfine (Debian package)..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine) >/dev/null 2>&1
  command -v hyperfine >/dev/null && HYPERFINE=hyperfine
fi
[ -n "$HYPERFINE" ] && echo "timing with $(hyperfine --version)" || echo "hyperfine not available: timing with bash, median of $RUNS runs"

GNUTIME=""
if [ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1; then GNUTIME=/usr/bin/time; fi

SQUAWK=bench/node_modules/@squawk-cli/linux-x64/bin/squawk
if [ "$DO_SQUAWK" = 1 ] && [ ! -x "$SQUAWK" ] && [ "$INSTALL" = 1 ]; then
  echo "installing squawk-cli $SQUAWK_VERSION from the npm registry into bench/node_modules..."
  (cd bench && npm install --no-audit --no-fund >/dev/null 2>&1) || echo "npm install failed" >&2
fi

# idle_pct: percentage of CPU time idle over the next 2 seconds.
idle_pct() {
  local a b
  a=($(head -1 /proc/stat)); sleep 2; b=($(head -1 /proc/stat))
  local idle=$(( (b[4] + b[5]) - (a[4] + a[5]) )) total=0 i
  for i in 1 2 3 4 5 6 7 8; do total=$(( total + b[i] - a[i] )); done
  echo $(( total > 0 ? 100 * idle / total : 100 ))
}
# wait_idle: honour --wait-idle; prints what it saw.
wait_idle() {
  [ "$WAIT_IDLE" -gt 0 ] || return 0
  local start=$SECONDS p
  while :; do
    p=$(idle_pct)
    if [ "$p" -ge 90 ]; then echo "  machine ${p}% idle: timing"; return 0; fi
    if [ $(( SECONDS - start )) -ge "$WAIT_IDLE" ]; then
      echo "  WARNING: machine only ${p}% idle after ${WAIT_IDLE}s: timing anyway (figures are skewed)"; return 0
    fi
  done
}

# time_cmd NAME CMD... : sets MEDIAN_S, MIN_S, MEAN_S (seconds) for whole-process wall time,
# and CPU_S (mean user+system CPU seconds, from hyperfine; empty without it).
time_cmd() {
  local name="$1"; shift
  MEDIAN_S=""; MIN_S=""; MEAN_S=""; CPU_S=""
  wait_idle
  if [ -n "$HYPERFINE" ]; then
    local q="" a
    for a in "$@"; do q+="$(printf '%q' "$a") "; done
    # -N: no intermediate shell; -i: a linter exits non-zero when it finds violations.
    hyperfine -N -i --style basic --warmup "$WARMUP" --runs "$RUNS" --output null \
      --command-name "$name" --export-json "$OUT/$name.hyperfine.json" "$q" 2>&1 | sed 's/^/  /'
    read -r MEDIAN_S MIN_S MEAN_S CPU_S < <(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("%.3f %.3f %.3f %.3f" % (r["median"], r["min"], r["mean"], r["user"] + r["system"]))' "$OUT/$name.hyperfine.json")
  else
    local i t0 t1 times=()
    for ((i = 0; i < WARMUP; i++)); do "$@" >/dev/null 2>&1; done
    for ((i = 0; i < RUNS; i++)); do
      t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
      times+=("$(( (t1 - t0) / 1000000 ))")
    done
    printf '%s\n' "${times[@]}" > "$OUT/$name.times-ms.txt"
    read -r MEDIAN_S MIN_S MEAN_S < <(python3 -c '
import statistics, sys
t = [int(x) / 1000 for x in sys.argv[1:]]
print("%.3f %.3f %.3f" % (statistics.median(t), min(t), statistics.mean(t)))' "${times[@]}")
    echo "  $name: median ${MEDIAN_S}s  min ${MIN_S}s  mean ${MEAN_S}s  ($RUNS runs)"
  fi
}

# peak_rss CMD... : sets PEAK_MB (max resident set size of one run, MB).
peak_rss() {
  PEAK_MB="n/a"
  [ -z "$GNUTIME" ] && return
  local kb
  kb=$("$GNUTIME" -f %M -o "$OUT/time.tmp" "$@" >/dev/null 2>&1; tail -1 "$OUT/time.tmp")
  [[ "$kb" =~ ^[0-9]+$ ]] && PEAK_MB=$(( (kb + 512) / 1024 ))
}

SQ_MEDIAN=""; SQ_MIN=""; SQ_CPU=""; SQ_PEAK="n/a"

# ---------------------------------------------------------------- squawk
if [ "$DO_SQUAWK" = 1 ]; then
  say "squawk (reference)"
  if [ ! -x "$SQUAWK" ]; then
    echo "SKIPPED: $SQUAWK not found (run: npm install --prefix bench)"
  else
    echo "$("$SQUAWK" --version), native binary from npm package @squawk-cli/linux-x64"
    # squawk takes files or glob patterns (not directories); it expands the quoted pattern itself.
    SQ_CMD=("$SQUAWK" --pg-version 15 --reporter json "$CORPUS/*.sql")
    echo "command: ${SQ_CMD[*]} > /dev/null"
    "${SQ_CMD[@]}" > "$OUT/squawk.json" 2> "$OUT/squawk.stderr"
    rc=$?
    echo "check run: exit code $rc (1 = violations found), $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$OUT/squawk.json" 2>/dev/null || echo '?') violations"
    time_cmd squawk "${SQ_CMD[@]}"
    SQ_MEDIAN=$MEDIAN_S; SQ_MIN=$MIN_S; SQ_CPU=$CPU_S
    peak_rss "${SQ_CMD[@]}"; SQ_PEAK=$PEAK_MB
    echo "squawk: median ${SQ_MEDIAN}s, min ${SQ_MIN}s, CPU ${SQ_CPU:-n/a} s, peak RSS ${SQ_PEAK} MB"
  fi
fi

# ---------------------------------------------------------------- migration-delivery CLI
# bench_cli NAME CMD... : check run (must exit 0), then timing and peak RSS; sets CLI_MEDIAN,
# CLI_MIN, CLI_CPU, CLI_PEAK (empty / n/a when skipped).
bench_cli() {
  local name="$1"; shift
    echo "command: $*"
  "$@" > "$OUT/$name.stdout" 2> "$OUT/$name.stderr"
  local rc=$?
  if [ "$rc" != 0 ]; then
    echo "SKIPPED: check run exited $rc (expected 0 with --fail-on never); stderr:"
    head -20 "$OUT/$name.stderr" | sed 's/^/  /'
    return
  fi
  time_cmd "$name" "$@"
  CLI_MEDIAN=$MEDIAN_S; CLI_MIN=$MIN_S; CLI_CPU=$CPU_S
  peak_rss "$@"; CLI_PEAK=$PEAK_MB
  echo "$name: median ${CLI_MEDIAN}s, min ${CLI_MIN}s, CPU ${CLI_CPU:-n/a} s, peak RSS ${CLI_PEAK} MB"
}

CLI_ARGS=(lint "$CORPUS" --dialect postgresql --server-version 15 --format json --output /dev/null --fail-on never)
JJ_MEDIAN=""; JJ_MIN=""; JJ_CPU=""; JJ_PEAK="n/a"
LA_MEDIAN=""; LA_MIN=""; LA_CPU=""; LA_PEAK="n/a"
if [ "$DO_CLI" = 1 ]; then
  if [ ! -f "$JAR" ]; then
    say "migration-delivery CLI"
    echo "SKIPPED: $JAR does not exist yet (build it with: mvn -q -DskipTests package)"
  else
    say "migration-delivery CLI, java -jar"
    # shellcheck disable=SC2206
    bench_cli cli "$JAVA" $JAVA_OPTS -jar "$JAR" "${CLI_ARGS[@]}"
    JJ_MEDIAN=$CLI_MEDIAN; JJ_MIN=$CLI_MIN; JJ_CPU=$CLI_CPU; JJ_PEAK=$CLI_PEAK

    say "migration-delivery CLI, launcher ($LAUNCHER)"
    if [ ! -x "$LAUNCHER" ]; then
      echo "SKIPPED: $LAUNCHER does not exist (built next to the jar by mvn package)"
    else
      # Its own AppCDS cache, so the figure does not depend on what earlier runs left in ~/.cache;
      # the check run writes the archive (as a user's first run would), the timed runs use it.
      rm -rf "$OUT/cds-cache"
      echo "AppCDS archive cache: $OUT/cds-cache (written by the check run)"
      bench_cli launcher env JAVA="$JAVA" JAVA_OPTS="$JAVA_OPTS" XDG_CACHE_HOME="$ROOT/$OUT/cds-cache" \
        "$LAUNCHER" "${CLI_ARGS[@]}"
      LA_MEDIAN=$CLI_MEDIAN; LA_MIN=$CLI_MIN; LA_CPU=$CLI_CPU; LA_PEAK=$CLI_PEAK
    fi
  fi
fi

# ---------------------------------------------------------------- in-process throughput
INPROC="not run"
if [ "$DO_INPROC" = 1 ]; then
  say "in-process throughput ($INPROC_CLASS)"
  CLASS_FILE="${INPROC_CLASS//.//}.class"
  if [ ! -f "$JAR" ]; then
    echo "SKIPPED: $JAR does not exist yet"
    INPROC="skipped (no jar)"
  elif [ ! -f "$BENCH_CLASSES/$CLASS_FILE" ]; then
    echo "SKIPPED: $BENCH_CLASSES/$CLASS_FILE is missing (build with mvn -DskipTests package)"
    INPROC="skipped (class absent)"
  else
    # The engine comes from the CLI jar, the benchmark from the bench module's classes.
    # shellcheck disable=SC2086
    "$JAVA" $JAVA_OPTS -cp "$JAR:$BENCH_CLASSES" "$INPROC_CLASS" "$CORPUS" 2>&1 | tee "$OUT/inprocess.txt"
    INPROC="see above / $OUT/inprocess.txt"
  fi
fi

# ---------------------------------------------------------------- summary
say "summary"
{
  echo "corpus:            $CORPUS ($NFILES files, ${NSTMTS:-?} statements)"
  echo "squawk wall time:  ${SQ_MEDIAN:-n/a} s median (min ${SQ_MIN:-n/a} s), CPU ${SQ_CPU:-n/a} s, peak RSS $SQ_PEAK MB"
  echo "cli (java -jar):   ${JJ_MEDIAN:-n/a} s median (min ${JJ_MIN:-n/a} s), CPU ${JJ_CPU:-n/a} s, peak RSS $JJ_PEAK MB"
  echo "cli (launcher):    ${LA_MEDIAN:-n/a} s median (min ${LA_MIN:-n/a} s), CPU ${LA_CPU:-n/a} s, peak RSS $LA_PEAK MB"
  ratio() { # ratio LABEL CLI_MEDIAN CLI_MIN
    if [ -n "$SQ_MEDIAN" ] && [ -n "$2" ]; then
      python3 -c '
import sys
label, cli, sq, cmin, smin = sys.argv[1], *map(float, sys.argv[2:6])
r = cli / sq
print("ratio %-12s %.2f (median), %.2f (min)   goal <= 1.50: %s" % (label + ":", r, cmin / smin, "MET" if r <= 1.5 else "NOT MET"))' \
        "$1" "$2" "$SQ_MEDIAN" "$3" "$SQ_MIN"
    else
      echo "ratio $1: n/a (needs both runs)"
    fi
  }
  ratio launcher/squawk "$LA_MEDIAN" "$LA_MIN"
  ratio java-jar/squawk "$JJ_MEDIAN" "$JJ_MIN"
  echo "in-process:        $INPROC"
  echo "load at end:       $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT/summary.txt"
exit 0
