#!/usr/bin/env bash
# A/B of two server jars on workloads (a)-(c), for a change on the message path:
#   bash chat-bench/ab.sh OLD_SERVER_JAR [NEW_SERVER_JAR] [REPS]
# e.g. build the old one with: git worktree add /tmp/old COMMIT && (cd /tmp/old && mvn -q -DskipTests package)
# Same generator, options and pinning as compare.sh (generator on CPU 0, server on CPU 1), one warm-up run
# (WARMUPS=N: N) before each measured run, in the generator's process, old and new alternating, on the default JDK
# and the newest JDK 21+.
# AB_OPTIONS adds server options to both, e.g. AB_OPTIONS="--history-days 0" for the message path without the store
# (an option a jar does not know is left out for it: the jar before the store has no store to turn off).
set -uo pipefail
cd "$(dirname "$0")/.."
OLD=${1:?usage: ab.sh OLD_SERVER_JAR [NEW_SERVER_JAR] [REPS]}
NEW=${2:-chat-server/target/server.jar}
REPS=${3:-2}
source chat-bench/common.sh
DATA=$(mktemp -d)
trap 'rm -rf "$DATA"' EXIT
newest_home=$(newest_jdk21)
newest=${newest_home:+$newest_home/bin/java}
GEN=(taskset -c 0 java -Xms1g -Xmx2g -jar chat-bench/target/bench.jar --connect-burst 8)
options() { # the benchmark options this jar knows
  local opts="--rate-limit off --max-per-ip 0 --max-clients 20000 --send-queue-lines 1000000 --send-queue-bytes 268435456"
  local help
  help=$(java -jar "$1" --help)
  grep -q -- --connect-throttle <<< "$help" && opts="$opts --max-pending-per-ip 0 --connect-throttle off --max-pending 20000"
  local extra="" option keep=0
  for option in ${AB_OPTIONS:-}; do # an option this jar does not know is left out, with its value
    case $option in
      --*) if grep -q -- "$option" <<< "$help"; then extra="$extra $option"; keep=1; else keep=0; fi ;;
      *) [ "$keep" = 1 ] && extra="$extra $option" ;;
    esac
  done
  echo "$opts$extra"
}
for java in java ${newest:+"$newest"}; do
  for rep in $(seq 1 "$REPS"); do
    for which in old new; do
      jar=$OLD; [ "$which" = new ] && jar=$NEW
      for w in "a --clients 50 --senders 50 --messages 200" "b --clients 200 --senders 10 --messages 500" \
               "c --clients 500 --senders 5 --messages 100 --rate 20"; do
        set -- $w; name=$1; shift
        port=$(free_port)
        # shellcheck disable=SC2046
        # each jar its own data directory: a newer server's store is one an older one refuses
        taskset -c 1 "$java" -jar "$jar" --port "$port" --data-dir "$DATA/$which" $(options "$jar") > /dev/null 2>&1 &
        pid=$!
        wait_listening "$port"
        label="$name/$which/jdk$(java_version "$java")"
        "${GEN[@]}" --port "$port" --target chat --server-pid "$pid" --label "$label" --warmups "${WARMUPS:-1}" "$@" \
          | grep -E "deliveries|latency|server  " | sed -E "s/ +/ /g; s|^|$label:|"
        kill "$pid"; wait "$pid" 2>/dev/null
      done
    done
  done
done
