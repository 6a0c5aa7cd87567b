#!/usr/bin/env bash
# Workload (c) on the newest JDK with the session threads virtual, then platform, then on the default JDK
# (platform only), three runs each, pinned and warmed like compare.sh: does the thread kind explain why two
# measurements of (c) differed 4x? (chat-bench/analysis.md). Run from the repository root after a build.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=chat-bench/target/threads
mkdir -p "$OUT"
J25=$(ls -d /usr/lib/jvm/*/ | sort -V | tail -1)bin/java # the newest JDK found
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
GEN=(taskset -c 0 java -Xms1g -Xmx2g -jar chat-bench/target/bench.jar --connect-burst 8)
for java in "$J25" java; do
for mode in virtual platform; do
  [ "$java" = java ] && [ "$mode" = virtual ] && continue
  for rep in 1 2 3; do
    port=$(free_port)
    taskset -c 1 "$java" -jar chat-server/target/server.jar --port "$port" --threads "$mode" --history 0 --transfer-port off --rate-limit off --max-per-ip 0 --max-pending-per-ip 0 --connect-throttle off \
      --max-clients 20000 --max-pending 20000 --send-queue-lines 1000000 --send-queue-bytes 268435456 > "$OUT/server.log" 2>&1 &
    pid=$!
    until grep -q "Listening on" "$OUT/server.log"; do sleep 0.1; done
    "${GEN[@]}" --port "$port" --server-pid "$pid" --label warmup --clients 500 --senders 5 --messages 100 --rate 20 > /dev/null || true
    "${GEN[@]}" --port "$port" --server-pid "$pid" --label "c/$([ "$java" = java ] && echo jdk17 || echo jdk25)-$mode" --clients 500 --senders 5 --messages 100 --rate 20 \
      | sed -n 's/^JSON //p' | tee -a "$OUT/threads.jsonl" | python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); print(d["label"], "p50", d["p50_ms"], "p99", d["p99_ms"], "cpu/M", d["server_cpu_s_per_million"], "lost", d["lost"])'
    kill $pid; wait $pid 2>/dev/null || true
  done
done
done
