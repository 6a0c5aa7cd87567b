package chat.server.config;

import java.time.Duration;

/**
 * The limits of file transfer (docs/OPERATIONS.md, "File transfer").
 *
 * @param port the transfer port: 0 picks a free one, -1 turns file transfer off
 * @param maxFileSize the largest file relayed, in bytes
 * @param perUser transfers one member may have at once, offered or running, sent or received
 * @param bytesPerSecond what one member's sending transfers may relay together per second; 0 for no limit
 * @param acceptTimeout how long an offer waits for its answer
 * @param idleTimeout how long a transfer may go without a byte moving, and the data connections may take to come
 */
public record TransferConfig(int port, long maxFileSize, int perUser, long bytesPerSecond, Duration acceptTimeout,
        Duration idleTimeout) {
    /** The default largest file in GiB, as {@code --max-file-size} writes it ("1G"). */
    public static final long DEFAULT_MAX_FILE_GIB = 1;
    public static final long DEFAULT_MAX_FILE_SIZE = DEFAULT_MAX_FILE_GIB << 30;
    public static final int DEFAULT_PER_USER = 3;
    public static final int DEFAULT_ACCEPT_TIMEOUT_SECONDS = 120;
    public static final Duration DEFAULT_ACCEPT_TIMEOUT = Duration.ofSeconds(DEFAULT_ACCEPT_TIMEOUT_SECONDS);
    public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 60;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(DEFAULT_IDLE_TIMEOUT_SECONDS);

    public TransferConfig {
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("transfer port must be between 0 and 65535, or off; not " + port);
        }
        if (maxFileSize < 0) {
            throw new IllegalArgumentException("max file size must not be negative");
        }
        if (perUser < 1 || perUser > 1000) {
            throw new IllegalArgumentException("transfers per user must be between 1 and 1000, not " + perUser);
        }
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("transfer rate must not be negative");
        }
        if (acceptTimeout.isNegative() || acceptTimeout.isZero() || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("transfer timeouts must be positive");
        }
    }

    /** The defaults, on {@code port}. */
    public static TransferConfig defaults(int port) {
        return new TransferConfig(port, DEFAULT_MAX_FILE_SIZE, DEFAULT_PER_USER, 0, DEFAULT_ACCEPT_TIMEOUT,
                DEFAULT_IDLE_TIMEOUT);
    }

    public boolean enabled() {
        return port >= 0;
    }
}
