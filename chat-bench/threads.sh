#!/usr/bin/env bash
# Workload (c) on the newest JDK with the session threads virtual, then platform, then on the default JDK
# (platform only), three runs each, pinned and warmed like compare.sh: does the thread kind explain why two
# measurements of (c) differed 4x? (chat-bench/analysis.md). Run from the repository root after a build.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=chat-bench/target/threads
mkdir -p "$OUT"
source chat-bench/common.sh
J25=$(newest_jdk21)
[ -n "$J25" ] || { echo "threads.sh compares virtual with platform threads: it needs a JDK 21+ under /usr/lib/jvm" >&2; exit 1; }
J25=$J25/bin/java
GEN=(taskset -c 0 java -Xms1g -Xmx2g -jar chat-bench/target/bench.jar --connect-burst 8)
for java in "$J25" java; do
for mode in virtual platform; do
  [ "$java" = java ] && [ "$mode" = virtual ] && continue
  for rep in 1 2 3; do
    port=$(free_port)
    taskset -c 1 "$java" -jar chat-server/target/server.jar --port "$port" --threads "$mode" --history 0 --transfer-port off \
      "${BENCH_SERVER_OPTS[@]}" > "$OUT/server.log" 2>&1 &
    pid=$!
    until grep -q "Listening on" "$OUT/server.log"; do sleep 0.1; done
    "${GEN[@]}" --port "$port" --server-pid "$pid" --label "c/$([ "$java" = java ] && echo jdk17 || echo jdk25)-$mode" --warmups 1 \
      --clients 500 --senders 5 --messages 100 --rate 20 \
      | sed -n 's/^JSON //p' | tee -a "$OUT/threads.jsonl" | python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); print(d["label"], "p50", d["p50_ms"], "p99", d["p99_ms"], "cpu/M", d["server_cpu_s_per_million"], "lost", d["lost"])'
    kill $pid; wait $pid 2>/dev/null || true
  done
done
done
