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
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
mvn -q -B -o -pl engine dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$CP_FILE" >/dev/null
java -cp "bench/target/classes:engine/target/classes:$(cat "$CP_FILE")" \
    io.github.migrationdelivery.bench.BackfillBench "$@"
