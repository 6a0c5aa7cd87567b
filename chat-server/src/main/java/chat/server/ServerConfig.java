package chat.server;

import chat.common.protocol.Protocol;
import java.time.Duration;

/**
 * Everything a {@link ChatServer} can be told; every limit is bounded by default (docs/OPERATIONS.md).
 *
 * @param host address to listen on; a wildcard address accepts other machines
 * @param port TCP port; 0 picks a free one
 * @param maxClients connections held at once, logged in or not
 * @param maxLineBytes longest line a client may send, in bytes
 * @param loginTimeout how long a connection may take to choose a valid name
 * @param sendQueueLines lines that may wait for one slow reader before it is disconnected
 * @param sendQueueBytes bytes that may wait for one slow reader before it is disconnected
 * @param closeGrace how long a closing connection may take to receive its last lines before its socket is closed
 * @param threads which kind of thread serves a connection
 */
public record ServerConfig(
        String host,
        int port,
        int maxClients,
        int maxLineBytes,
        Duration loginTimeout,
        int sendQueueLines,
        int sendQueueBytes,
        Duration closeGrace,
        SessionThreads.Kind threads) {

    public static final String DEFAULT_HOST = "127.0.0.1";

    public ServerConfig {
        requireRange("port", port, 0, 65535);
        requireRange("max clients", maxClients, 1, 1_000_000);
        requireRange("max line bytes", maxLineBytes, 64, 1 << 20);
        requireRange("send queue lines", sendQueueLines, 1, Integer.MAX_VALUE);
        requireRange("send queue bytes", sendQueueBytes, maxLineBytes, Integer.MAX_VALUE);
        if (loginTimeout.isNegative() || loginTimeout.isZero()) {
            throw new IllegalArgumentException("login timeout must be positive");
        }
    }

    private static void requireRange(String what, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be between " + min + " and " + max + ", not " + value);
        }
    }

    /** The defaults on 127.0.0.1 and the given port. */
    public static ServerConfig defaults(int port) {
        return new ServerConfig(
                DEFAULT_HOST,
                port,
                1000,
                Protocol.MAX_LINE_BYTES,
                Duration.ofSeconds(30),
                10_000,
                1 << 20,
                Duration.ofSeconds(3),
                SessionThreads.Kind.AUTO);
    }

    public ServerConfig withMaxClients(int value) {
        return new ServerConfig(host, port, value, maxLineBytes, loginTimeout, sendQueueLines, sendQueueBytes, closeGrace, threads);
    }

    public ServerConfig withMaxLineBytes(int value) {
        return new ServerConfig(host, port, maxClients, value, loginTimeout, sendQueueLines, sendQueueBytes, closeGrace, threads);
    }

    public ServerConfig withLoginTimeout(Duration value) {
        return new ServerConfig(host, port, maxClients, maxLineBytes, value, sendQueueLines, sendQueueBytes, closeGrace, threads);
    }

    public ServerConfig withSendQueue(int lines, int bytes) {
        return new ServerConfig(host, port, maxClients, maxLineBytes, loginTimeout, lines, bytes, closeGrace, threads);
    }

    public ServerConfig withThreads(SessionThreads.Kind value) {
        return new ServerConfig(host, port, maxClients, maxLineBytes, loginTimeout, sendQueueLines, sendQueueBytes, closeGrace, value);
    }
}
