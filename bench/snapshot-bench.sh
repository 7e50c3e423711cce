#!/usr/bin/env bash
# Snapshot benchmark: time to clone a ~1 GB PostgreSQL database with template:.
#
#   bench/snapshot-bench.sh [server-url] [rows] [runs]
#
# Defaults: jdbc:postgresql://127.0.0.1:5432/postgres (user PGUSER or postgres, password PGPASSWORD),
# 7,500,000 rows (about 1.1 GB with its indexes), 3 runs. Builds the source once, prints its size
# (pg_database_size) and each clone's time, drops everything afterwards. Prints, never asserts.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
mvn -q -B -o -pl bench -am -DskipTests install >/dev/null
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
mvn -q -B -o -pl bench dependency:build-classpath -Dmdep.outputFile="$CP_FILE" >/dev/null
exec java -cp "bench/target/classes:$(cat "$CP_FILE")" io.github.migrationdelivery.bench.SnapshotCloneBench "$@"
