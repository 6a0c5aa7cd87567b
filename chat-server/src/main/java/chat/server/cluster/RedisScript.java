package chat.server.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A Lua script run atomically in Redis: by its digest, and by its text when Redis does not know it (first
 * use, or after Redis restarted). The scripts are files beside this class ({@code NAME.lua}), so that they
 * read as Lua; {@code shared.lua} holds the pieces several of them use: noting a name just taken under its
 * node with its join, freeing one name of a node with its leave, forgetting a whole node, trimming the stream
 * to its byte budget, and Redis's clock.
 */
final class RedisScript {
    private static final String SHARED = "shared";

    private final String text;
    private volatile String sha;

    private RedisScript(String text) {
        this.text = text;
    }

    /** The script {@code NAME.lua}. */
    static RedisScript of(String name) {
        return new RedisScript(read(name));
    }

    /** The script {@code NAME.lua}, after the pieces of {@code shared.lua} it uses. */
    static RedisScript withShared(String name) {
        return new RedisScript(read(SHARED) + read(name));
    }

    private static String read(String name) {
        try (InputStream in = RedisScript.class.getResourceAsStream(name + ".lua")) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + name + ".lua");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Object run(UnifiedJedis redis, List<String> args) {
        String known = sha;
        if (known != null) {
            try {
                return redis.evalsha(known, List.of(), args);
            } catch (JedisDataException e) {
                if (e.getMessage() == null || !e.getMessage().startsWith("NOSCRIPT")) {
                    throw e;
                }
            }
        }
        sha = redis.scriptLoad(text);
        return redis.evalsha(sha, List.of(), args);
    }
}
