#!/usr/bin/env bash
# Differential check of psl against Prisma 6.19.3 (development aid, see README.md).
#   bash fuzz/oracle/run.sh [SEED] [COUNT]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
conformance="${STRATA_CONFORMANCE_DIR:-$here/../../../shared/conformance}"
work="${TMPDIR:-/tmp}/strata-oracle"
mkdir -p "$work"
find "$conformance" -name '*.prisma' | sort > "$work/list.txt"
python3 "$here/mutate.py" "${1:-1}" "${2:-1000}" "$work/list.txt" "$work/mutants"
( cd "$work" && node "$here/fmt.js" --each mutants/*.prisma > format.json && node "$here/validate_each.js" mutants/*.prisma > parse.json )
cd "$work"
cargo run -q --release --manifest-path "$here/Cargo.toml" -- format format.json | tail -20
cargo run -q --release --manifest-path "$here/Cargo.toml" -- parse parse.json | tail -20
