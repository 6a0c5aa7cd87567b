#!/usr/bin/env bash
# The Redis hop, A/B: workload (c) on one server, then on nodes of one chat through Redis, alternating, so that
# both meet the machine in the same state. Same options, pinning and warm-up as compare.sh (the generator on
# CPU 0; servers, nodes and Redis on CPU 1; four unmeasured passes, then two measured, by one generator). Prints
# p50, p99, CPU per delivery and the servers' write system calls (/proc/PID/io) of each measured pass:
#   bash chat-bench/hop.sh [NODES] [ROUNDS]        (NODES 1 or 2, default 1; ROUNDS default 3)
# Run after a build (mvn -DskipTests package); needs redis-server and taskset.
set -uo pipefail
cd "$(dirname "$0")/.."
NODES=${1:-1}
ROUNDS=${2:-3}
source chat-bench/common.sh
jdk=$(newest_jdk21) # as compare.sh's cluster part
java=${jdk:+$jdk/bin/}java
OUT=chat-bench/target/hop
mkdir -p "$OUT"
OPTS=(--transfer-port off "${BENCH_SERVER_OPTS[@]}")
GEN=(taskset -c 0 java -Xms1g -Xmx2g -jar chat-bench/target/bench.jar --connect-burst 8)
WORKLOAD=(--clients 500 --senders 5 --messages 100 --rate 20)
PIDS=()
trap '[ ${#PIDS[@]} -gt 0 ] && kill "${PIDS[@]}" 2>/dev/null' EXIT

for round in $(seq 1 "$ROUNDS"); do
  for setup in "one server" "$NODES node(s) + Redis"; do
    PIDS=()
    ports=()
    cluster=()
    servers=1
    if [ "$setup" != "one server" ]; then
      redis_port=$(free_port)
      taskset -c 1 redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$OUT" > "$OUT/redis.log" 2>&1 &
      PIDS+=($!)
      wait_listening "$redis_port" || exit 1
      cluster=(--cluster "redis://127.0.0.1:$redis_port")
      servers=$NODES
    fi
    server_pids=()
    for _ in $(seq 1 "$servers"); do
      port=$(free_port)
      taskset -c 1 "$java" -jar chat-server/target/server.jar --port "$port" "${cluster[@]}" "${OPTS[@]}" > "$OUT/server.log" 2>&1 &
      PIDS+=($!)
      server_pids+=($!)
      ports+=("$port")
      wait_listening "$port" || exit 1
    done
    target=(--port "$(IFS=,; echo "${ports[*]}")" --target chat --server-pid "$(IFS=,; echo "${server_pids[*]}")")
    # one generator for the warm-up and the measured runs: its own JIT is warm when it measures
    "${GEN[@]}" "${target[@]}" --label hop --warmups 4 --runs 2 "${WORKLOAD[@]}" | sed -n 's/^JSON //p' \
      | while read -r json; do
          figures=$(grep -o '"p50_ms":[0-9.]*\|"p99_ms":[0-9.]*\|"server_cpu_s_per_million":[0-9.]*\|"server_writes":[0-9-]*' \
            <<< "$json" | tr -d '"' | tr '\n' ' ')
          echo "round $round, $setup: $figures"
        done
    kill "${PIDS[@]}" 2>/dev/null
    wait "${PIDS[@]}" 2>/dev/null
  done
done
