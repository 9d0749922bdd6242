#!/usr/bin/env bash
# Deploy overhead: `strata migrate deploy` of a real migration history against PostgreSQL,
# side by side with `psql -f` of the same files over one connection, one transaction per file.
# Prints the median of RUNS runs each and the ratio (goal: <= 1.1).
#
#   bench/deploy-vs-psql.sh [UNIT_DIR]   # a folder with schema/ and migrations/
#
# UNIT_DIR defaults to documenso (163 migrations) from ../shared/conformance/real.
set -euo pipefail
cd "$(dirname "$0")/.."

UNIT=${1:-../shared/conformance/real/documenso__documenso}
BASE=${TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
RUNS=${RUNS:-5}
PSQL_ARGS=(-h 127.0.0.1 -U postgres -q -X)
export PGOPTIONS="-c client_min_messages=warning"

cargo build --release -q -p cli
STRATA=target/release/strata
SCHEMA=$UNIT/schema
[ "$(ls "$SCHEMA" | wc -l)" = 1 ] && SCHEMA=$SCHEMA/$(ls "$SCHEMA")
MIGRATIONS=$UNIT/migrations
COUNT=$(find "$MIGRATIONS" -mindepth 1 -maxdepth 1 -type d | wc -l)

# One psql script: each migration in its own transaction, stop at the first error.
PSQL_SCRIPT=$(mktemp)
trap 'rm -f "$PSQL_SCRIPT"' EXIT
{
  echo '\set ON_ERROR_STOP on'
  for dir in $(find "$MIGRATIONS" -mindepth 1 -maxdepth 1 -type d | sort); do
    echo 'BEGIN;'
    echo "\\i $dir/migration.sql"
    echo 'COMMIT;'
  done
} > "$PSQL_SCRIPT"

url_for() { echo "${BASE%/*}/$1"; }
fresh() { psql "${PSQL_ARGS[@]}" -d postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1"; }
now_ms() { date +%s%3N; }

time_strata() {
  fresh strata_bench_a
  local t0; t0=$(now_ms)
  "$STRATA" migrate deploy --schema "$SCHEMA" --migrations-dir "$MIGRATIONS" --url "$(url_for strata_bench_a)" >/dev/null 2>&1
  echo $(( $(now_ms) - t0 ))
}

time_psql() {
  fresh strata_bench_b
  local t0; t0=$(now_ms)
  psql "${PSQL_ARGS[@]}" -d strata_bench_b -f "$PSQL_SCRIPT" >/dev/null
  echo $(( $(now_ms) - t0 ))
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

s_times=(); p_times=()
for _ in $(seq 1 "$RUNS"); do
  s_times+=("$(time_strata)")
  p_times+=("$(time_psql)")
done
S=$(printf '%s\n' "${s_times[@]}" | median)
P=$(printf '%s\n' "${p_times[@]}" | median)
echo "migrations: $COUNT ($UNIT)"
echo "strata migrate deploy: ${S} ms (runs: ${s_times[*]})"
echo "psql -f, one tx/file:  ${P} ms (runs: ${p_times[*]})"
awk -v s="$S" -v p="$P" 'BEGIN { printf "ratio strata/psql: %.2f\n", s / p }'
psql "${PSQL_ARGS[@]}" -d postgres -c "DROP DATABASE IF EXISTS strata_bench_a WITH (FORCE)" -c "DROP DATABASE IF EXISTS strata_bench_b WITH (FORCE)"
