#!/usr/bin/env bash
# The store's figures for docs/BENCHMARKS.md ("The store"), both engines, on this machine:
#   bash chat-bench/store.sh            (LINES=1000000 by default)
# SQLite in a temporary directory; PostgreSQL the tests' own (embedded, from Maven). Prints lines "STORE ...".
set -euo pipefail
cd "$(dirname "$0")/.."
LINES="${LINES:-1000000}"
mvn -B -ntp -q -DskipTests -DskipITs install -pl chat-common,chat-server -am
mvn -B -ntp -q test -pl chat-bench -Dtest=StoreFigures -Dsurefire.failIfNoSpecifiedTests=false \
    -Dstore.lines="$LINES" -DtrimStackTrace=false | grep -o 'STORE .*'
