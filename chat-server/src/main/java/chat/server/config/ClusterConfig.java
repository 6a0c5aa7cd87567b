package chat.server.config;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How a node joins the others: where Redis is, and how soon a silent node counts as gone.
 *
 * @param redis {@code redis://[user:password@]host:port[/db]}, or {@code rediss://...} for Redis over TLS
 *     (trusting the JVM's certificate authorities)
 * @param nodeTimeout a node that has not beaten its heart for this long is taken for dead: another node frees
 *     its names and announces its members' leaves
 * @param holdLines public and private lines a node holds while Redis cannot be reached, before it refuses
 *     more with {@code LINK_DOWN}
 * @param streamLength about how many lines the shared stream keeps ({@code XADD MAXLEN ~})
 * @param streamBytes about how much of Redis's memory the stream may take: trimmed further when long lines
 *     would make {@code streamLength} entries take more ({@code --cluster-stream-bytes})
 */
public record ClusterConfig(URI redis, Duration nodeTimeout, int holdLines, int streamLength, long streamBytes) {
    /** The default for the stream's memory in MiB, as {@code --cluster-stream-bytes} writes it ("64M"). */
    public static final long DEFAULT_STREAM_MIB = 64;
    public static final long DEFAULT_STREAM_BYTES = DEFAULT_STREAM_MIB << 20;
    public static final int DEFAULT_NODE_TIMEOUT_SECONDS = 10;
    public static final Duration DEFAULT_NODE_TIMEOUT = Duration.ofSeconds(DEFAULT_NODE_TIMEOUT_SECONDS);
    public static final int DEFAULT_HOLD_LINES = 10_000;

    public ClusterConfig {
        Objects.requireNonNull(redis, "redis");
        String scheme = redis.getScheme() == null ? "" : redis.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss") || redis.getHost() == null) {
            throw new IllegalArgumentException("--cluster takes redis://HOST:PORT or rediss://HOST:PORT, not " + redis);
        }
        if (nodeTimeout.compareTo(Duration.ofSeconds(1)) < 0 || nodeTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("the node timeout must be between 1 s and 10 min, not " + nodeTimeout.toSeconds() + " s");
        }
        if (holdLines < 1 || streamLength < 100) {
            throw new IllegalArgumentException("hold lines must be positive and the stream at least 100 lines");
        }
        if (streamBytes < (1L << 20)) {
            throw new IllegalArgumentException("--cluster-stream-bytes must be at least 1M, not " + streamBytes);
        }
    }

    /** The defaults, for {@code history} lines of history: the stream keeps well over that many. */
    public static ClusterConfig of(URI redis, Duration nodeTimeout, int history) {
        return new ClusterConfig(redis, nodeTimeout, DEFAULT_HOLD_LINES, Math.max(100_000, 4 * history), DEFAULT_STREAM_BYTES);
    }

    /** How often a node beats its heart: five beats fit in the timeout. */
    public Duration beat() {
        return nodeTimeout.dividedBy(5);
    }

    /** The address to show in logs and messages: never the password. */
    public String where() {
        return redis.getScheme() + "://" + redis.getHost() + (redis.getPort() < 0 ? "" : ":" + redis.getPort());
    }
}
