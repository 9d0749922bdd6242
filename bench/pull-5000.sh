#!/usr/bin/env bash
# `strata db pull --print` on a PostgreSQL database of N tables (default 5,000), each with a
# primary key, a secondary index and a foreign key to the previous table. Prints the median
# wall time of RUNS runs (goal: < 2 s for 5,000 tables) and the number of statements one pull
# sends, counted by the server (pg_stat_database transactions of the database: every catalog
# query runs in its own transaction), which must not grow with N.
#
#   bench/pull-5000.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-5000}
BASE=${TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
RUNS=${RUNS:-5}
DB=strata_bench_pull
PSQL=(psql "$BASE" -q -X -v ON_ERROR_STOP=1)
export PGOPTIONS="-c client_min_messages=warning"

cargo build --release -q -p cli
STRATA=$PWD/target/release/strata

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"; "${PSQL[@]}" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null' EXIT
URL="${BASE%/*}/$DB"

"${PSQL[@]}" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
# Batches of 500 tables: one transaction for all of them would exhaust the lock table.
for ((first = 1; first <= N; first += 500)); do
  last=$((first + 499 < N ? first + 499 : N))
  psql "$URL" -q -X -v ON_ERROR_STOP=1 <<SQL
DO \$\$
BEGIN
  FOR i IN $first..$last LOOP
    EXECUTE format('CREATE TABLE %I (id serial PRIMARY KEY, name text NOT NULL, parent_id int%s)',
      't' || i, CASE WHEN i > 1 THEN format(' REFERENCES %I(id)', 't' || (i - 1)) ELSE '' END);
    EXECUTE format('CREATE INDEX %I ON %I (name)', 't' || i || '_name_idx', 't' || i);
  END LOOP;
END
\$\$;
SQL
done

cat >"$WORK/schema.prisma" <<EOF
datasource db {
  provider = "postgresql"
  url      = "$URL"
}
EOF

transactions() {
  # Statistics are flushed when a session ends; give the last one a moment.
  sleep 1
  "${PSQL[@]}" -At -c "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '$DB'"
}

before=$(transactions)
"$STRATA" db pull --print --schema "$WORK/schema.prisma" >"$WORK/out.prisma"
after=$(transactions)
# The transactions() query itself runs in another database, so the delta is strata's alone.
statements=$((after - before))
models=$(grep -c '^model ' "$WORK/out.prisma")

times=()
for _ in $(seq "$RUNS"); do
  start=$(date +%s%N)
  "$STRATA" db pull --print --schema "$WORK/schema.prisma" >/dev/null
  end=$(date +%s%N)
  times+=($(((end - start) / 1000000)))
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p")

echo "db pull --print: $N tables, $models models"
echo "median wall time: ${median} ms (runs: ${times[*]})"
echo "statements sent to the database: $statements"
