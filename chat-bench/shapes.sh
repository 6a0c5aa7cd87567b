#!/usr/bin/env bash
# Workload (a) in the two generator shapes (docs/BENCHMARKS.md, "Two generator shapes"), or (c): our server on the default
# JDK and the newest JDK 21+, then ncat --chat and ngircd (its clients speak IRC, one channel); a warm-up and three
# measured runs of each, JSON lines out. ngircd: Debian's package (compare.sh installs it).
#   bash chat-bench/shapes.sh                                  (after a build: server.jar and bench.jar)
#   SERVERS="chat17 chat25" EXTRA_OPTS="--history-days 0" bash chat-bench/shapes.sh   (our server without the store)
#   WORKLOADS=c REPS=10 WARMUPS=4 bash chat-bench/shapes.sh   (the paced (c) ten times, for its spread: issue #30)
#   WORKLOADS=d SERVERS="chat17 chat25" bash chat-bench/shapes.sh   ((d): 5,000 log in, one line to all; RSS at 5,000)
#   WORKLOADS="e e-paced" SERVERS="chat17 chat25 ngircd" WARMUPS=2 bash chat-bench/shapes.sh   ((e): 100 rooms, as compare.sh)
#   SERVERS="irc17 irc25 ngircd" bash chat-bench/shapes.sh   (the generator's clients speak IRC, to our --irc-port too)
#   SERVERS="mix17 mix25" bash chat-bench/shapes.sh   (mixed: half the clients on our port, half IRC on --irc-port,
#                                                      all in one room, --rooms 1 unless the workload has rooms)
# Same options and pinning as compare.sh: the generator on CPU 0, the server on CPU 1.
set -uo pipefail
cd "$(dirname "$0")/.."
source chat-bench/common.sh
newest_home=$(newest_jdk21)
NGIRCD=$(command -v ngircd || echo /usr/sbin/ngircd)
GEN=(taskset -c 0 java -Xms1g -Xmx2g -jar chat-bench/target/bench.jar --connect-burst 8)
OPTS="--transfer-port off --rate-limit off --max-per-ip 0 --max-clients 20000 --send-queue-lines 1000000 --send-queue-bytes 268435456"
OPTS="$OPTS --max-pending-per-ip 0 --connect-throttle off --max-pending 20000 ${EXTRA_OPTS:-}"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
DATA=$(mktemp -d)
trap 'rm -rf "$DATA"' EXIT
for server in ${SERVERS:-chat17 chat25 ncat ngircd}; do
  for workload in ${WORKLOADS:-a a-4k}; do
    case $workload in
      a) args=(--clients 50 --senders 50 --messages 1000) ;;
      a-4k) args=(--clients 50 --senders 50 --messages 1000 --write-batch 4096) ;;
      c) args=(--clients 500 --senders 5 --messages 100 --rate 20) ;;
      d) args=(--clients 5000 --senders 1 --messages 1 --time-limit 240) ;;
      e) args=(--clients 5000 --senders 1000 --messages 20 --rooms 100 --time-limit 240) ;;
      e-4k) args=(--clients 5000 --senders 1000 --messages 20 --rooms 100 --write-batch 4096 --time-limit 240) ;;
      e-paced) args=(--clients 5000 --senders 1000 --messages 20 --rate 1 --rooms 100 --time-limit 240) ;;
      *) echo "shapes.sh: no workload $workload (a, a-4k, c, d, e, e-4k, e-paced)" >&2; exit 2 ;;
    esac
    port=$(free_port)
    target=chat
    # shellcheck disable=SC2086
    case $server in
      chat17) taskset -c 1 java -jar chat-server/target/server.jar --port "$port" --data-dir "$DATA/$server-$workload" $OPTS > "${SERVER_LOG:-/dev/null}" 2>&1 & ;;
      irc17|irc25|mix17|mix25) irc_port=$(free_port); java=java
              if [ "${server#???}" = 25 ]; then [ -n "$newest_home" ] || continue; java="$newest_home/bin/java"; fi
              taskset -c 1 "$java" -jar chat-server/target/server.jar --port "$port" --irc-port "$irc_port" \
                --max-room-members 20000 --data-dir "$DATA/$server-$workload" $OPTS > "${SERVER_LOG:-/dev/null}" 2>&1 &
              wait_listening "$port"
              if [ "${server#mix}" != "$server" ]; then # one client of two on each port, in a room both join
                target=chat,irc; port="$port,$irc_port"
                [[ " ${args[*]} " == *" --rooms "* ]] || args+=(--rooms 1)
              else
                target=irc; port=$irc_port
              fi ;;
      chat25) [ -n "$newest_home" ] || continue
              taskset -c 1 "$newest_home/bin/java" -jar chat-server/target/server.jar --port "$port" --data-dir "$DATA/$server-$workload" $OPTS > "${SERVER_LOG:-/dev/null}" 2>&1 & ;;
      ncat) target=ncat; taskset -c 1 ncat --broker --chat -l 127.0.0.1 "$port" --max-conns 20000 > "${SERVER_LOG:-/dev/null}" 2>&1 & ;;
      ngircd) target=irc
              sed "s/@PORT@/$port/; s#@PID@#$DATA/ngircd.pid#" chat-bench/ngircd.conf > "$DATA/ngircd.conf"
              taskset -c 1 "$NGIRCD" -n -f "$DATA/ngircd.conf" > "${SERVER_LOG:-/dev/null}" 2>&1 & ;;
    esac
    pid=$!
    wait_listening "${port##*,}"
    # one generator for the warm-up and the measured runs: its own JIT is warm when it measures
    "${GEN[@]}" --port "$port" --target "$target" --server-pid "$pid" --label "$workload/$server" \
      --warmups "${WARMUPS:-1}" --runs "${REPS:-3}" "${args[@]}" | grep '^JSON' || true
    kill "$pid"; wait "$pid" 2> /dev/null
  done
done
