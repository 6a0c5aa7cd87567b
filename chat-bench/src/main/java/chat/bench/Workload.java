package chat.bench;

/**
 * What to run: {@code clients} connect and log in, then the first {@code senders} each send
 * {@code messages} lines of {@code payloadBytes}, at {@code ratePerSender} lines per second (0: as fast as
 * the server takes them). At most {@code connectBurst} clients are connecting or logging in at once.
 */
record Workload(
        String host,
        int port,
        Dialect dialect,
        int clients,
        int senders,
        int messages,
        double ratePerSender,
        int payloadBytes,
        int timeLimitSeconds,
        int connectBurst,
        long serverPid) {

    Workload {
        if (connectBurst < 1) {
            throw new IllegalArgumentException("connect burst must be at least 1");
        }
        if (clients < 2 || senders < 1 || senders > clients || messages < 1 || payloadBytes < 32) {
            throw new IllegalArgumentException(
                    "need clients >= 2, 1 <= senders <= clients, messages >= 1, payload >= 32 bytes");
        }
    }

    /** Deliveries a perfect server makes: every message to every client, or to every other client. */
    long expectedDeliveries() {
        long receivers = dialect.echoes() ? clients : clients - 1L;
        return receivers * senders * messages;
    }
}
