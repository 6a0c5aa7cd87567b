#!/usr/bin/env bash
# Runs workloads (a)-(e) against our server (default JDK and, where found, the newest JDK 21+),
# ncat --broker --chat, ngircd, and our server's IRC listener (-irc: the generator's clients speak IRC), all on
# free loopback ports, and writes docs/BENCHMARKS.md and docs/benchmarks.png. Installs ncat and ngircd from Debian if missing. One command, from the repo root:
#   bash chat-bench/compare.sh            (REPS=3 repetitions; medians are reported)
# The generator runs on CPU 0 and each server on CPU 1 (taskset), so neither steals the other's core.
set -euo pipefail
cd "$(dirname "$0")/.."

REPS="${REPS:-3}"
WARMUPS="${WARMUPS:-4}" # unmeasured passes before the measured runs of (a)-(c)
OUT=chat-bench/target/compare
RESULTS="$OUT/results.jsonl"
mkdir -p "$OUT"
: > "$RESULTS"

need=()
command -v ncat >/dev/null || need+=(ncat)
command -v ngircd >/dev/null && [ -x /usr/sbin/ngircd ] || need+=(ngircd)
command -v taskset >/dev/null || need+=(util-linux)
command -v redis-server >/dev/null || need+=(redis-server)
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
NGIRCD=$(command -v ngircd || echo /usr/sbin/ngircd)

echo "== building the jars"
mvn -B -ntp -q -DskipTests package

source chat-bench/common.sh

newest_jdk=$(newest_jdk21)
newest=${newest_jdk:+$(java_version "$newest_jdk/bin/java")}
default_jdk_version=$(java_version java)

ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
GEN=(taskset -c 0 java -Xms1g -Xmx2g -jar chat-bench/target/bench.jar --connect-burst 8)
SERVER_PID=""
# Every start of our server keeps its store in a directory of its own, new and empty: without --data-dir it would
# use the per-user one, which grows with every run on this machine (lines kept for 30 days), and the figures with it.
rm -rf "$OUT"/data.*
fresh_data() { mktemp -d "$OUT/data.XXXXXX"; }

start_server() { # name port
  local name=$1 port=$2
  case "$name" in
    chat-jdk*)
      local java=java data=(--data-dir "$(fresh_data)") listen=(--port "$port") jdk=${name%-tls}
      jdk=${jdk%-irc}
      [ "$jdk" = "chat-jdk$newest" ] && [ -n "$newest_jdk" ] && java="$newest_jdk/bin/java"
      # TLS: the certificate made at the first start is the one the generator trusts, so the same directory
      [ "${name%-tls}" != "$name" ] && data=(--tls --data-dir "$OUT/tls-data")
      # -irc: the generator's clients speak IRC to the IRC listener (issue #29), in one channel of all as on ngircd
      [ "${name%-irc}" != "$name" ] && listen=(--port "$(free_port)" --irc-port "$port" --max-room-members 20000)
      taskset -c 1 "$java" -jar chat-server/target/server.jar "${data[@]}" "${listen[@]}" --transfer-port off \
        "${BENCH_SERVER_OPTS[@]}" > "$OUT/$name.log" 2>&1 &
      ;;
    ncat)
      taskset -c 1 ncat --broker --chat -l 127.0.0.1 "$port" --max-conns 20000 > "$OUT/ncat.log" 2>&1 &
      ;;
    ngircd)
      sed "s/@PORT@/$port/; s#@PID@#$OUT/ngircd.pid#" chat-bench/ngircd.conf > "$OUT/ngircd.conf"
      taskset -c 1 "$NGIRCD" -n -f "$OUT/ngircd.conf" > "$OUT/ngircd.log" 2>&1 &
      ;;
  esac
  SERVER_PID=$!
  wait_listening "$port"
}

stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
  rm -rf "$OUT"/data.*
}
NODE_PIDS=()
REDIS_PID=""
stop_cluster() {
  [ ${#NODE_PIDS[@]} -gt 0 ] && { kill "${NODE_PIDS[@]}" 2>/dev/null || true; wait "${NODE_PIDS[@]}" 2>/dev/null || true; }
  NODE_PIDS=()
  [ -n "$REDIS_PID" ] && { kill "$REDIS_PID" 2>/dev/null || true; wait "$REDIS_PID" 2>/dev/null || true; }
  REDIS_PID=""
  rm -rf "$OUT"/data.*
}
trap 'stop_server; stop_cluster' EXIT # an interrupted run leaves no server behind

run() { # workload server target reps warmup(0|NAME|NAME+passes|passes) args...
  local workload=$1 server=$2 target=$3 reps=$4 warmup=$5 more=0
  case "$warmup" in *+*) more=${warmup#*+}; warmup=${warmup%%+*} ;; esac
  shift 5
  # a -tls server is talked to over TLS, trusting its self-signed certificate (made at its first start)
  [ "${server%-tls}" != "$server" ] && set -- "$@" --tls "$OUT/tls-data/tls/cert.pem"
  local port
  case "$warmup" in
    0|[a-z]*)
      # a cold server, started afresh for each run; with NAME its first run is kept as workload NAME, and with
      # NAME+N followed by N unmeasured runs
      for rep in $(seq 1 "$reps"); do
        port=$(free_port)
        start_server "$server" "$port"
        if [ "$warmup" != 0 ]; then
          measure "$warmup" "$server" "$target" "$port" "$rep" "$reps" "$@"
          unmeasured "$more" "$target" "$port" "$SERVER_PID" "$@"
        fi
        measure "$workload" "$server" "$target" "$port" "$rep" "$reps" "$@"
        stop_server
      done
      ;;
    *)
      # a warm server, for every server alike: started once, the workload run unmeasured $warmup times (ours: the
      # JIT compiles the delivery path during the first passes), then measured $reps times, all by one generator
      # process, whose own JIT is then warm too when it measures
      port=$(free_port)
      start_server "$server" "$port"
      echo "== $workload / $server: $warmup unmeasured runs, then $reps measured"
      "${GEN[@]}" --port "$port" --target "$target" --server-pid "$SERVER_PID" --label "$workload/$server" \
        --warmups "$warmup" --runs "$reps" "$@" | tee -a "$OUT/bench.log" | sed -n 's/^JSON //p' >> "$RESULTS" || true
      stop_server
      ;;
  esac
}

unmeasured() { # passes target port(s) pid(s) args...: runs the workload, its figures thrown away
  local passes=$1 target=$2 port=$3 pid=$4
  shift 4
  for _ in $(seq 1 "$passes"); do
    "${GEN[@]}" --port "$port" --target "$target" --server-pid "$pid" --label warmup "$@" > /dev/null || true
  done
}

measure() { # workload server target port rep reps args...
  local workload=$1 server=$2 target=$3 port=$4 rep=$5 reps=$6
  shift 6
  echo "== $workload / $server, run $rep of $reps"
  "${GEN[@]}" --port "$port" --target "$target" --server-pid "$SERVER_PID" --label "$workload/$server" "$@" \
    | tee -a "$OUT/bench.log" | sed -n 's/^JSON //p' >> "$RESULTS" || true
}

servers=("chat-jdk$default_jdk_version:chat" "ncat:ncat" "ngircd:irc")
[ -n "$newest_jdk" ] && servers=("chat-jdk$newest:chat" "${servers[@]}" "chat-jdk$newest-irc:irc")
servers+=("chat-jdk$default_jdk_version-irc:irc")

for entry in "${servers[@]}"; do
  server=${entry%%:*}; target=${entry##*:}
  run "a" "$server" "$target" "$REPS" "$WARMUPS" --clients 50 --senders 50 --messages 1000
  # (a) as a generator that writes one batch of up to 4 KB per sender per wakeup sends it (issue #30)
  run "a-4k" "$server" "$target" "$REPS" "$WARMUPS" --clients 50 --senders 50 --messages 1000 --write-batch 4096
  run "b" "$server" "$target" "$REPS" "$WARMUPS" --clients 200 --senders 10 --messages 500
  run "c" "$server" "$target" "$REPS" "$WARMUPS" --clients 500 --senders 5 --messages 100 --rate 20
  run "c-spread" "$server" "$target" "$REPS" "$WARMUPS" --clients 500 --senders 5 --messages 100 --rate 20 --spread
  # (e) rooms (issue #27): 100 rooms of 50 members, 10 senders in each, unpaced and paced at 1 line/s per sender (50,000 deliveries/s offered, as (c)); ncat has no rooms
  if [ "$target" != ncat ]; then
    run "e" "$server" "$target" "$REPS" "$WARMUPS" --clients 5000 --senders 1000 --messages 20 --rooms 100 --time-limit 240
    run "e-paced" "$server" "$target" "$REPS" "$WARMUPS" --clients 5000 --senders 1000 --messages 20 --rate 1 --rooms 100 \
      --time-limit 240
  fi
  # (d) after as many unmeasured passes as (a)-(c), for a JVM server: the first, cold, is kept as d-cold
  dwarm=0; [ "${server#chat-jdk}" != "$server" ] && dwarm="d-cold+$((WARMUPS - 1))"
  run "d" "$server" "$target" 1 "$dwarm" --clients 5000 --senders 1 --messages 1 --time-limit 240
done
if [ -n "$newest_jdk" ]; then
  run "d10k" "chat-jdk$newest" chat 1 0 --clients 10000 --senders 1 --messages 1 --time-limit 240
fi
run "d10k" "chat-jdk$default_jdk_version" chat 1 0 --clients 10000 --senders 1 --messages 1 --time-limit 240

# TLS next to plain text (issue #10): the same workloads over TLS 1.3, and 1,000 logins, cold
rm -rf "$OUT/tls-data"
for server in "chat-jdk$default_jdk_version" ${newest_jdk:+"chat-jdk$newest"}; do
  run "b" "$server-tls" chat "$REPS" "$WARMUPS" --clients 200 --senders 10 --messages 500
  run "c" "$server-tls" chat "$REPS" "$WARMUPS" --clients 500 --senders 5 --messages 100 --rate 20
  run "login1k" "$server" chat "$REPS" 0 --clients 1000 --senders 1 --messages 1
  run "login1k" "$server-tls" chat "$REPS" 0 --clients 1000 --senders 1 --messages 1
done

# File transfer (issue #12): a 1 GiB file through the server next to a raw ncat pipe of the same file, and
# the paced chat workload (c) with and without 1 GiB transfers running beside it, on one server
FILE="$OUT/1GiB.bin"
[ -f "$FILE" ] || head -c 1073741824 /dev/urandom > "$FILE"
FILES_MD="$OUT/files.md"
nc_ms=()
for rep in $(seq 1 "$REPS"); do
  port=$(free_port)
  taskset -c 1 ncat -l 127.0.0.1 "$port" --recv-only > /dev/null &
  listener=$!
  # not wait_listening: its probe would be the one connection this ncat takes
  until ss -ltn "sport = :$port" | grep -q LISTEN; do sleep 0.05; done
  start=$(date +%s%N)
  taskset -c 0 ncat --send-only 127.0.0.1 "$port" < "$FILE"
  wait "$listener" || true
  nc_ms+=($(( ($(date +%s%N) - start) / 1000000 )))
done
echo "== ncat pipe of 1 GiB: ${nc_ms[*]} ms"
relay() { # server-name java [transfer-rate]: 1 GiB relays (unpaced only), then (c) alone and beside transfers
  local name=$1 java=$2 rate=${3:-off} port suffix=""
  [ "$rate" != off ] && suffix="@$rate"
  port=$(free_port)
  taskset -c 1 "$java" -jar chat-server/target/server.jar --port "$port" --data-dir "$(fresh_data)" --transfer-port 0 --transfer-rate "$rate" \
    "${BENCH_SERVER_OPTS[@]}" > "$OUT/$name-files.log" 2>&1 &
  SERVER_PID=$!
  wait_listening "$port"
  if [ "$rate" = off ]; then
    java -cp chat-bench/target/bench.jar chat.bench.FileBench --port "$port" --file "$FILE" --label warmup > /dev/null
    for rep in $(seq 1 "$REPS"); do
      taskset -c 0 java -cp chat-bench/target/bench.jar chat.bench.FileBench --port "$port" --file "$FILE" \
        --server-pid "$SERVER_PID" --label "1GiB/$name" | tee -a "$OUT/bench.log" | sed -n 's/^JSON //p' >> "$OUT/files.jsonl"
    done
  fi
  # (c) alone, then (c) while 1 GiB transfers follow one another beside it; each after one warm-up run of (c) in
  # the generator's process
  for rep in $(seq 1 "$REPS"); do
    [ "$rate" = off ] && "${GEN[@]}" --port "$port" --target chat --server-pid "$SERVER_PID" --label "c-nofile/$name" \
      --warmups 1 --clients 500 --senders 5 --messages 100 --rate 20 | tee -a "$OUT/bench.log" | sed -n 's/^JSON //p' >> "$RESULTS" || true
    rm -f "$OUT/stop-files"
    java -cp chat-bench/target/bench.jar chat.bench.FileBench --port "$port" --file "$FILE" --label background \
      --loop-seconds 300 --stop-file "$OUT/stop-files" >> "$OUT/bench.log" 2>&1 &
    local loop=$!
    sleep 2 # not synchronisation: the first transfer is under way before the chat workload starts
    "${GEN[@]}" --port "$port" --target chat --server-pid "$SERVER_PID" --label "c+1GiB$suffix/$name" --warmups 1 \
      --clients 500 --senders 5 --messages 100 --rate 20 | tee -a "$OUT/bench.log" | sed -n 's/^JSON //p' >> "$RESULTS" || true
    touch "$OUT/stop-files"
    wait "$loop" || true
  done
  stop_server
}
: > "$OUT/files.jsonl"
for entry in "chat-jdk$default_jdk_version:java" ${newest_jdk:+"chat-jdk$newest:$newest_jdk/bin/java"}; do
  relay "${entry%%:*}" "${entry#*:}"
  relay "${entry%%:*}" "${entry#*:}" 100M # a member's transfers at about a gigabit link's speed
done
nc_median=$(printf '%s\n' "${nc_ms[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
java -cp chat-bench/target/bench.jar chat.bench.FileReport "$OUT/files.jsonl" "$nc_median" > "$FILES_MD"

# Several nodes through Redis (issue #11): one node, then two, sharing one redis-server; the nodes and Redis
# all on CPU 1 (this machine has two cores: the generator keeps CPU 0), the generator's clients spread
# round-robin over the nodes' ports
cluster_java=java
cluster_name="chat-jdk$default_jdk_version"
if [ -n "$newest_jdk" ]; then cluster_java="$newest_jdk/bin/java"; cluster_name="chat-jdk$newest"; fi
start_cluster() { # nodes
  local redis_port
  redis_port=$(free_port)
  taskset -c 1 redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$OUT" > "$OUT/redis.log" 2>&1 &
  REDIS_PID=$!
  wait_listening "$redis_port"
  NODE_PORTS=()
  local data
  data=$(fresh_data) # the nodes of one chat may share one
  for n in $(seq 1 "$1"); do
    local port
    port=$(free_port)
    taskset -c 1 "$cluster_java" -jar chat-server/target/server.jar --port "$port" --data-dir "$data" --transfer-port off \
      --cluster "redis://127.0.0.1:$redis_port" "${BENCH_SERVER_OPTS[@]}" > "$OUT/node$n.log" 2>&1 &
    NODE_PIDS+=($!)
    NODE_PORTS+=("$port")
    wait_listening "$port"
  done
}
cluster_run() { # workload nodes reps warmup(0|passes) args...
  local workload=$1 nodes=$2 reps=$3 warmup=$4
  shift 4
  # like run: with warm-up passes the nodes start once and are measured $reps times; without, afresh for each run
  local runs_per_start=$reps starts=1
  [ "$warmup" = 0 ] && { runs_per_start=1; starts=$reps; }
  for _ in $(seq 1 "$starts"); do
    start_cluster "$nodes"
    local ports pids
    ports=$(IFS=,; echo "${NODE_PORTS[*]}")
    pids=$(IFS=,; echo "${NODE_PIDS[*]}")
    echo "== $workload / $nodes node(s) through Redis: $warmup unmeasured runs, then $runs_per_start measured"
    "${GEN[@]}" --port "$ports" --target chat --server-pid "$pids" --redis-pid "$REDIS_PID" \
      --label "$workload/$cluster_name-redis-${nodes}n" --warmups "$warmup" --runs "$runs_per_start" "$@" \
      | tee -a "$OUT/bench.log" | sed -n 's/^JSON //p' >> "$RESULTS" || true
    stop_cluster
  done
}
for nodes in 1 2; do
  cluster_run "a" "$nodes" "$REPS" "$WARMUPS" --clients 50 --senders 50 --messages 1000
  cluster_run "c" "$nodes" "$REPS" "$WARMUPS" --clients 500 --senders 5 --messages 100 --rate 20
done
cluster_run "d10k" 2 1 0 --clients 10000 --senders 1 --messages 1 --time-limit 240
java -cp chat-bench/target/bench.jar chat.bench.ClusterReport "$RESULTS" "$cluster_name" >> "$FILES_MD"

# start-up times: JVM start to "Listening", client start to its first line
port=$(free_port)
start=$(date +%s%N)
java -jar chat-server/target/server.jar --port "$port" --data-dir "$(fresh_data)" --transfer-port 0 > "$OUT/startup.log" 2>&1 &
pid=$!
SERVER_PID=$pid
until grep -q "Listening on" "$OUT/startup.log" 2>/dev/null; do sleep 0.01; done
server_ms=$(( ($(date +%s%N) - start) / 1000000 ))
start=$(date +%s%N)
echo quit | java -jar chat-client/target/client.jar --port "$port" --name timing > "$OUT/client-startup.log" 2>&1
client_ms=$(( ($(date +%s%N) - start) / 1000000 ))
stop_server

{
  echo "# Benchmarks"
  echo
  echo "Written by \`bash chat-bench/compare.sh\` (REPS=$REPS) on $(date -u +%Y-%m-%d): do not edit by hand;"
  echo "the analysis at the end comes from \`chat-bench/analysis.md\`."
  echo
  echo "## Machine and setup"
  echo
  echo "- $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr)"
  echo "- default JDK: $(java -version 2>&1 | head -1)${newest_jdk:+; JDK $newest: $("$newest_jdk/bin/java" -version 2>&1 | head -1)}"
  echo "- peers: $(ncat --version 2>&1 | head -1), $("$NGIRCD" --version 2>&1 | head -1 | cut -d- -f1) with chat-bench/ngircd.conf (penalties off, no DNS/ident/PAM, no per-IP limit)"
  echo "- load generator: chat-bench's bench.jar, one selector thread, pinned to CPU 0; each server pinned to CPU 1;"
  echo "  it runs its line parser over made-up lines for up to half a second before connecting, so its JIT is warm"
  echo "  64-byte messages; at most 8 clients connecting at once (ncat's and ngircd's listen backlogs are small)"
  echo "- (a)-(c), alike for every server and for the nodes through Redis: the server is started once per workload, runs it"
  echo "  $WARMUPS times unmeasured, then $REPS measured times (a server runs warm: on one core our JIT compiles the delivery path"
  echo "  during the first passes; see \"The JIT in the measured runs\" below), all by one generator process, so"
  echo "  the generator's own JIT is warm too when it measures (\"(c)'s p99 and the generator's own JIT\" below), with 2 s"
  echo "  without load between runs (what our store defers to a quiet second, its indexing, falls there). (d): our server, freshly started, runs it"
  echo "  $WARMUPS times unmeasured too, the first of them, cold, kept as d-cold; ncat and ngircd are measured once; d10k and login1k are measured cold. After the logins, the generator waits (at most 5 s) until the server has"
  echo "  used at most 10 ms of CPU in each of two 200 ms moments, then measures: its CPU per delivery counts the"
  echo "  messages, not the JIT still compiling the login path"
  echo "- our server: \`--rate-limit off --max-per-ip 0 --max-pending-per-ip 0 --connect-throttle off --max-clients 20000 --max-pending 20000\` and large send queues, so flood control"
  echo "  and slow-reader limits do not shape the figures; each start with a new, empty \`--data-dir\`, so its store (SQLite,"
  echo "  every public line kept, a sender's echo after its line is committed) starts empty as on a new install"
  echo "- workloads: (a) 50 clients, all 50 send 1,000 unpaced, each writing as much as its socket takes, 16 KB at a time;"
  echo "  a-4k: the same, each sender writing one batch of at most 4 KB whenever its socket is writable, in the selector's order"
  echo "  (\`--write-batch 4096\`: the shape of another generator, docs/BENCHMARKS.md \"Two generator shapes\"); (b) 200 clients, 10 send 500 unpaced;"
  echo "  (c) 500 clients, 5 send 100 at 20 msg/s each, all five at the same instants (a burst of 5 lines every 50 ms);"
  echo "  c-spread: the same with the five taking turns (\`--spread\`: one line every 10 ms, each alone);"
  echo "  (d) 5,000 idle clients log in, then one message to all;"
  echo "  (e) rooms: 5,000 clients in 100 rooms of 50 (\`--rooms 100\`: client N in #r(N % 100)), 10 senders in each room"
  echo "  send 20 unpaced; e-paced: the same at 1 msg/s each, all at the same instants (chat and IRC only: ncat has no rooms);"
  echo "  d10k: the same with 10,000; login1k: 1,000 clients log in (logins/s = 1,000 / login s), then one message"
  echo "- -irc servers: the same server with \`--irc-port P --max-room-members 20000\`, the generator's clients speaking IRC"
  echo "  to that port as to ngircd (NICK, USER, JOIN #bench, PRIVMSG #bench; in (e) JOIN #rN), all also in #general"
  echo "- -tls servers: the same server with \`--tls\` (TLS 1.3, its self-signed EC P-256 certificate), the generator"
  echo "  talking TLS through an SSLEngine per client (\`--tls cert.pem\`), in the same one thread"
  echo "- start-up: server JVM start to \"Listening\" ${server_ms} ms; client start to exit after one login and quit ${client_ms} ms"
  echo
  echo "Commands (per run, the port and PID filled in):"
  echo
  echo '```'
  echo "taskset -c 1 java -jar chat-server/target/server.jar --port P --data-dir NEW-EMPTY-DIR --transfer-port off ${BENCH_SERVER_OPTS[*]}"
  echo "taskset -c 1 ncat --broker --chat -l 127.0.0.1 P --max-conns 20000"
  echo "taskset -c 1 ngircd -n -f ngircd.conf"
  echo "taskset -c 0 java -Xms1g -Xmx2g -jar chat-bench/target/bench.jar --connect-burst 8 --port P --target chat|ncat|irc --server-pid PID --clients N --senders S --messages M [--rate R [--spread]] [--warmups W --runs N]"
  echo '```'
} > "$OUT/header.md"

java -cp chat-bench/target/bench.jar chat.bench.BenchReport "$RESULTS" "$OUT/header.md" chat-bench/analysis.md \
  docs/BENCHMARKS.md docs/benchmarks.png "$FILES_MD"
echo "== wrote docs/BENCHMARKS.md and docs/benchmarks.png"
