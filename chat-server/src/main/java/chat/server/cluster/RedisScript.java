package chat.server.cluster;

import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A Lua script run atomically in Redis: by its digest, and by its text when Redis does not know it (first
 * use, or after Redis restarted).
 */
final class RedisScript {
    private final String text;
    private volatile String sha;

    RedisScript(String text) {
        this.text = text;
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
