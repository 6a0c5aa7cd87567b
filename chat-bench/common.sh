# What the benchmark scripts (compare.sh, ab.sh, hop.sh, threads.sh) share; they source this file from the repo root.

# Our server's options in every benchmark: flood control and slow-reader limits off, so they do not shape
# the figures (each script adds its ports, and --transfer-port, itself).
BENCH_SERVER_OPTS=(--rate-limit off --max-per-ip 0 --max-pending-per-ip 0 --connect-throttle off --max-clients 20000
  --max-pending 20000 --send-queue-lines 1000000 --send-queue-bytes 268435456)

# The Java specification version (17, 21, 25) of the java command $1.
java_version() { "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1; }

# The home of the newest JDK 21+ under /usr/lib/jvm, or nothing if there is none.
newest_jdk21() {
  local home v best="" newest=0
  for home in /usr/lib/jvm/*/; do
    home="${home%/}"
    [ -x "$home/bin/java" ] || continue
    v=$(java_version "$home/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 21 ] && [ "$v" -gt "$newest" ]; then best="$home"; newest="$v"; fi
  done
  echo "$best"
}

# A port free on 127.0.0.1 just now.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Waits up to 10 s until something listens on 127.0.0.1 port $1; says so and fails if nothing does.
wait_listening() {
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listens on port $1" >&2
  return 1
}
