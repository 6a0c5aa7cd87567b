package chat.bench;

import java.util.List;

/**
 * What to run: {@code clients} connect and log in (round-robin over {@code ports}: several nodes of one chat), then the first {@code senders} each send
 * {@code messages} lines of {@code payloadBytes}, at {@code ratePerSender} lines per second (0: as fast as
 * the server takes them). At most {@code connectBurst} clients are connecting or logging in at once. Paced
 * senders all send at the same instants, so every tick is a burst of {@code senders} lines; with {@code spread}
 * they take turns, spread evenly over one interval, so every line arrives alone.
 */
record Workload(
        String host,
        List<Integer> ports,
        Dialect dialect,
        int clients,
        int senders,
        int messages,
        double ratePerSender,
        int payloadBytes,
        int timeLimitSeconds,
        int connectBurst,
        List<Long> serverPids,
        long redisPid,
        boolean spread) {

    /** One server on one port, no Redis. */
    Workload(String host, int port, Dialect dialect, int clients, int senders, int messages, double ratePerSender,
            int payloadBytes, int timeLimitSeconds, int connectBurst, long serverPid) {
        this(host, List.of(port), dialect, clients, senders, messages, ratePerSender, payloadBytes,
                timeLimitSeconds, connectBurst, List.of(serverPid), 0, false);
    }

    Workload {
        ports = List.copyOf(ports);
        serverPids = List.copyOf(serverPids);
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("need a port");
        }
        if (connectBurst < 1) {
            throw new IllegalArgumentException("connect burst must be at least 1");
        }
        if (clients < 2 || senders < 1 || senders > clients || messages < 1 || payloadBytes < 32) {
            throw new IllegalArgumentException(
                    "need clients >= 2, 1 <= senders <= clients, messages >= 1, payload >= 32 bytes");
        }
    }

    /** The port client {@code id} connects to. */
    int portOf(int id) {
        return ports.get(id % ports.size());
    }

    /** Deliveries a perfect server makes: every message to every client, or to every other client. */
    long expectedDeliveries() {
        long receivers = dialect.echoes() ? clients : clients - 1L;
        return receivers * senders * messages;
    }
}
