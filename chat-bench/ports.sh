# Loopback ports for the benchmark scripts (compare.sh, ab.sh, hop.sh), which source this file.

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
