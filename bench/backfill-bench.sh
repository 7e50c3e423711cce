#!/usr/bin/env bash
# Backfill benchmark: the batched backfill against one unbatched UPDATE of the same rows, each under
# the same probe workload (single-row reads and writes by key), on PostgreSQL.
#
#   bench/backfill-bench.sh [runs] [rows] [probe-threads] [server-url] [user]
#
# Defaults: 3 runs, 2,000,000 rows, 4 probe threads, jdbc:postgresql://127.0.0.1:5432/postgres,
# postgres (password PGPASSWORD). Prints rows/s and probe p50/p99/max per method and run, with the
# load average; drops everything afterwards. Prints, never asserts.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# package, not install: this worktree's engine classes go first on the class path.
mvn -q -B -o -pl engine,bench -am -DskipTests package >/dev/null
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mvn -q -B -o -pl engine dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$WORK/cp" >/dev/null
# A copy of the classes: a build in this worktree during the (minutes long) run must not pull them away.
cp -r bench/target/classes "$WORK/bench" && cp -r engine/target/classes "$WORK/engine"
java -cp "$WORK/bench:$WORK/engine:$(cat "$WORK/cp")" \
    io.github.migrationdelivery.bench.BackfillBench "$@"
