#!/usr/bin/env bash
# Runs irctest (https://github.com/progval/irctest, the IRC server conformance suite) against the IRC listener.
#   bash chat-server/src/test/irctest/run.sh /path/to/irctest [pytest args...]
# Needs python3 with pytest (Debian: python3-pytest python3-yaml), and chat-server/target/server.jar built
# (./mvnw -B -q package -DskipTests). By default the core server tests of the IRC issue, without what belongs to
# other servers' own behaviour.
set -euo pipefail
irctest=${1:?usage: run.sh IRCTEST_CHECKOUT [pytest args...]}
shift
here=$(cd "$(dirname "$0")" && pwd)
cd "$irctest"
tests=(connection_registration pingpong join part quit names who messages kick topic isupport cap sasl)
paths=()
for t in "${tests[@]}"; do paths+=("irctest/server_tests/$t.py"); done
if [ $# -eq 0 ]; then
  set -- "${paths[@]}" -m 'not Ergo and not deprecated and not strict'
fi
PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}" exec python3 -m pytest -p no:cacheprovider --controller chat_controller "$@"
