#!/usr/bin/env bash
# Backup benchmark: plain pg_dump -Fc --table + pg_restore into a fresh database, against
# migration-delivery backup --verify-restore of the same ~1 GB table (which also counts the rows in
# the dump's snapshot, lists the archive, hashes it and writes the manifest).
#
#   bench/backup-bench.sh [rows] [rounds]
#
# Defaults: 5,500,000 rows (about 1 GB of table), 3 rounds. Server: PostgreSQL at PGHOST/PGPORT
# (default 127.0.0.1:5432), user PGUSER or postgres, password PGPASSWORD. The two sides run
# interleaved, round by round, so load from other work hits both alike; medians are reported.
# Builds the scratch database once and drops it (and every copy) afterwards. Prints, never asserts.
set -euo pipefail
ROWS="${1:-5500000}"
ROUNDS="${2:-3}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
DB=md_backup_bench
WORK="$(mktemp -d)"
cleanup() {
    psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "DROP DATABASE IF EXISTS ${DB}_plain WITH (FORCE)" >/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

# package, not install: this worktree's classes first, never the shared local repository's jars.
mvn -q -B -o -pl cli -am -DskipTests package >/dev/null
mvn -q -B -o -pl cli dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$WORK/cp" >/dev/null
CP="cli/target/classes:engine/target/classes:$(cat "$WORK/cp")"

echo "building $DB.big with $ROWS rows ..."
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
psql -X -q -d "$DB" <<SQL
CREATE TABLE big (id bigint PRIMARY KEY, code text NOT NULL, body text, qty int, at timestamptz);
INSERT INTO big SELECT g, md5(g::text), repeat(md5((g * 7)::text), 3), g % 1000, now() - g * interval '1 second'
  FROM generate_series(1, $ROWS) g;
VACUUM ANALYZE big;
SQL
BYTES=$(psql -X -At -d "$DB" -c "SELECT pg_total_relation_size('big')")
MB=$(awk -v b="$BYTES" 'BEGIN { printf "%.1f", b / 1048576 }')
echo "table big: $MB MB with its primary key ($(psql -X -At -d "$DB" -c "SELECT pg_size_pretty(pg_table_size('big'))") without)"
mkdir -p "$WORK/plan"
echo "DROP TABLE big;" > "$WORK/plan/V1__drop_big.sql"

now() { date +%s.%N; }
plain() {
    local t0 t1
    t0=$(now)
    pg_dump --format=custom --table=public.big --file="$WORK/plain.dump" "$DB"
    psql -X -q -d postgres -c "CREATE DATABASE ${DB}_plain"
    pg_restore --jobs="$(nproc)" --no-owner --no-privileges -d "${DB}_plain" "$WORK/plain.dump"
    t1=$(now)
    psql -X -q -d postgres -c "DROP DATABASE ${DB}_plain WITH (FORCE)"
    rm -f "$WORK/plain.dump"
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }'
}
ours() {
    local t0 t1
    t0=$(now)
    java -cp "$CP" io.github.migrationdelivery.cli.Main backup "$WORK/plan" \
        --target "jdbc:postgresql://$PGHOST:$PGPORT/$DB" --out "$WORK/backups" --verify-restore >"$WORK/ours.out"
    t1=$(now)
    rm -rf "$WORK/backups"
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }'
}

P=(); O=()
for r in $(seq 1 "$ROUNDS"); do
    p=$(plain); o=$(ours)
    P+=("$p"); O+=("$o")
    echo "round $r: plain pg_dump+pg_restore ${p}s ($(awk -v m="$MB" -v s="$p" 'BEGIN { printf "%.1f", m / s }') MB/s)," \
         "backup --verify-restore ${o}s ($(awk -v m="$MB" -v s="$o" 'BEGIN { printf "%.1f", m / s }') MB/s)" \
         "load $(cut -d' ' -f1 /proc/loadavg)"
done
sed 's/^/  last backup: /' "$WORK/ours.out"
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
mp=$(median "${P[@]}"); mo=$(median "${O[@]}")
awk -v mb="$MB" -v p="$mp" -v o="$mo" 'BEGIN {
    printf "median: plain %.2fs (%.1f MB/s), backup --verify-restore %.2fs (%.1f MB/s), overhead %+.1f%%\n",
        p, mb / p, o, mb / o, (o / p - 1) * 100 }'
