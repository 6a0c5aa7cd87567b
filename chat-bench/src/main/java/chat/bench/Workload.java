package chat.bench;

import java.util.List;
import java.util.Locale;

/**
 * What to run: {@code clients} connect and log in (round-robin over {@code ports}: several nodes of one chat), then the first {@code senders} each send
 * {@code messages} lines of {@code payloadBytes}, at {@code ratePerSender} lines per second (0: as fast as
 * the server takes them). With {@code rooms}, client {@code id} joins room {@code id % rooms} ({@code #r0},
 * {@code #r1}...) and talks there only, so each room has its share of the clients and of the senders; 0: everyone
 * in one room (the default room, or IRC's {@code #bench}). At most {@code connectBurst} clients are connecting or logging in at once. Paced
 * senders all send at the same instants, so every tick is a burst of {@code senders} lines; with {@code spread}
 * they take turns, spread evenly over one interval, so every line arrives alone. An unpaced sender writes as much
 * as its socket takes whenever it is writable, in chunks of 16 KB; with {@code writeBatch}, one write of at most
 * that many bytes each time (the shape of a generator that sends a batch per sender per wakeup, in the
 * selector's order: docs/BENCHMARKS.md, "Two generator shapes"). With one dialect per port ({@code dialects}, the
 * chat's own port and its IRC port), clients speak each by their port: a mixed run, in rooms both join.
 */
record Workload(
        String host,
        List<Integer> ports,
        List<Dialect> dialects,
        int clients,
        int senders,
        int messages,
        double ratePerSender,
        int payloadBytes,
        int timeLimitSeconds,
        int connectBurst,
        List<Long> serverPids,
        long redisPid,
        boolean spread,
        int rooms,
        int writeBatch) {

    /** Senders that write as much as their socket takes. */
    Workload(String host, List<Integer> ports, Dialect dialect, int clients, int senders, int messages,
            double ratePerSender, int payloadBytes, int timeLimitSeconds, int connectBurst, List<Long> serverPids,
            long redisPid, boolean spread, int rooms) {
        this(host, ports, List.of(dialect), clients, senders, messages, ratePerSender, payloadBytes, timeLimitSeconds,
                connectBurst, serverPids, redisPid, spread, rooms, 0);
    }

    /** One server on one port, no Redis. */
    Workload(String host, int port, Dialect dialect, int clients, int senders, int messages, double ratePerSender,
            int payloadBytes, int timeLimitSeconds, int connectBurst, long serverPid) {
        this(host, List.of(port), List.of(dialect), clients, senders, messages, ratePerSender, payloadBytes,
                timeLimitSeconds, connectBurst, List.of(serverPid), 0, false, 0, 0);
    }

    Workload {
        ports = List.copyOf(ports);
        dialects = List.copyOf(dialects);
        serverPids = List.copyOf(serverPids);
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("need a port");
        }
        if (dialects.size() != 1 && dialects.size() != ports.size()) {
            throw new IllegalArgumentException("one target for all ports, or one per port");
        }
        if (dialects.stream().distinct().count() > 1 && (rooms == 0 || dialects.contains(Dialect.NCAT))) {
            throw new IllegalArgumentException("a mixed run (chat and irc) needs rooms, which both join, and no ncat");
        }
        if (connectBurst < 1) {
            throw new IllegalArgumentException("connect burst must be at least 1");
        }
        if (clients < 2 || senders < 1 || senders > clients || messages < 1 || payloadBytes < 32) {
            throw new IllegalArgumentException(
                    "need clients >= 2, 1 <= senders <= clients, messages >= 1, payload >= 32 bytes");
        }
        if (writeBatch != 0 && (writeBatch < payloadBytes + 64 || writeBatch > 1 << 20)) {
            throw new IllegalArgumentException("a write batch holds at least one message and at most 1 MB");
        }
        if (rooms < 0 || rooms > 0 && (clients < 2 * rooms || dialects.contains(Dialect.NCAT))) {
            throw new IllegalArgumentException("rooms need at least two clients each, and a server that has rooms (not ncat)");
        }
    }

    /** The room client {@code id} talks in: 0 to rooms - 1, or -1 for the one room of a run without rooms. */
    int roomOf(int id) {
        return rooms == 0 ? -1 : id % rooms;
    }

    /** The port client {@code id} connects to. */
    int portOf(int id) {
        return ports.get(id % ports.size());
    }

    /** How client {@code id} speaks: the target of its port. */
    Dialect dialectOf(int id) {
        return dialects.get(id % dialects.size());
    }

    /** The first port's dialect: what a run of one dialect speaks. */
    Dialect dialect() {
        return dialects.get(0);
    }

    /** The dialects of the run, as its results name them: {@code chat}, or {@code chat+irc} for a mixed one. */
    String dialectName() {
        return String.join("+", dialects.stream().distinct().map(d -> d.name().toLowerCase(Locale.ROOT)).toList());
    }

    /**
     * Deliveries a perfect server makes: every message to every client of its room, or to every other one (a
     * sender whose dialect gets no echo, IRC, is not sent its own).
     */
    long expectedDeliveries() {
        long total = 0;
        for (int id = 0; id < senders; id++) {
            long members = rooms == 0 ? clients : clients / rooms + (roomOf(id) < clients % rooms ? 1 : 0);
            total += (dialectOf(id).echoes() ? members : members - 1) * messages;
        }
        return total;
    }
}
