#!/usr/bin/env bash
# No-op `strata migrate dev` on a real migration history against PostgreSQL: the history is
# deployed first, so `migrate dev` only diagnoses (replay on a shadow database + drift check),
# evaluates the (empty) diff and reports "Already in sync".
#   cold: replay cache cleared (cache folder deleted, `strata_replay_tpl_*` databases dropped);
#   warm: the cache left by the previous run (goal: < 1 s).
# Prints the median of RUNS runs of each.
#
#   bench/dev-noop.sh [UNIT_DIR]   # a folder with schema/ and migrations/
#
# UNIT_DIR defaults to documenso (163 migrations) from ../shared/conformance/real.
set -euo pipefail
cd "$(dirname "$0")/.."

UNIT=${1:-../shared/conformance/real/documenso__documenso}
BASE=${TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
RUNS=${RUNS:-5}
DB=strata_bench_dev
PSQL=(psql "$BASE" -q -X -v ON_ERROR_STOP=1)
export PGOPTIONS="-c client_min_messages=warning"

cargo build --release -q -p cli
STRATA=$PWD/target/release/strata

# migrate dev may write into the migrations folder: work on a copy.
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"; "${PSQL[@]}" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null' EXIT
SCHEMA_DIR=$UNIT/schema
[ "$(ls "$SCHEMA_DIR" | wc -l)" = 1 ] && SCHEMA_FILE=$SCHEMA_DIR/$(ls "$SCHEMA_DIR") || SCHEMA_FILE=$SCHEMA_DIR
cp -r "$SCHEMA_FILE" "$WORK/schema.prisma"
cp -r "$UNIT/migrations" "$WORK/migrations"
COUNT=$(find "$WORK/migrations" -mindepth 1 -maxdepth 1 -type d | wc -l)
export XDG_CACHE_HOME=$WORK/cache
URL="${BASE%/*}/$DB"

"${PSQL[@]}" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
"$STRATA" migrate deploy --schema "$WORK/schema.prisma" --url "$URL" >/dev/null 2>&1

clear_cache() {
  rm -rf "$XDG_CACHE_HOME"
  "${PSQL[@]}" -At -c "SELECT datname FROM pg_database WHERE datname LIKE 'strata\_replay\_tpl\_%'" |
    while read -r tpl; do "${PSQL[@]}" -c "DROP DATABASE IF EXISTS \"$tpl\" WITH (FORCE)"; done
}

now_ms() { date +%s%3N; }

dev_ms() {
  local t0 out
  t0=$(now_ms)
  out=$("$STRATA" migrate dev --schema "$WORK/schema.prisma" --url "$URL" 2>&1) || { echo "$out" >&2; exit 1; }
  local elapsed=$(( $(now_ms) - t0 ))
  grep -q "Already in sync, no schema change or pending migration was found." <<<"$out" || { echo "not a no-op:" >&2; echo "$out" >&2; exit 1; }
  echo "$elapsed"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

cold=(); warm=()
for _ in $(seq "$RUNS"); do
  clear_cache
  cold+=("$(dev_ms)")
  warm+=("$(dev_ms)")
done
clear_cache

echo "migrate dev no-op on $COUNT migrations ($(basename "$UNIT")), median of $RUNS runs:"
echo "  cold (cache cleared): $(printf '%s\n' "${cold[@]}" | median) ms   [${cold[*]}]"
echo "  warm (cached):        $(printf '%s\n' "${warm[@]}" | median) ms   [${warm[*]}]"
