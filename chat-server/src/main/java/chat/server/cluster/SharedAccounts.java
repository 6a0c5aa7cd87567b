package chat.server.cluster;

import chat.server.accounts.Accounts;
import chat.server.config.ClusterConfig;
import java.io.IOException;
import java.util.Map;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The chat's shared accounts in Redis, reached from outside a running node: for the console's
 * {@code --add-account} and {@code --set-password}, whose change every node then applies from the stream as if
 * a member had made it. Idempotent {@link #close}.
 */
public final class SharedAccounts implements Accounts.Shared, AutoCloseable {
    private final ClusterConfig config;
    private final RedisLink redis;

    public SharedAccounts(ClusterConfig config) {
        this.config = config;
        this.redis = new RedisLink(config);
    }

    @Override
    public boolean change(String key, String line, boolean registered) throws IOException {
        try {
            return redis.registry().changeAccount(key, line, registered);
        } catch (JedisException e) {
            throw new IOException("cannot reach Redis at " + config.where() + ": " + e.getMessage(), e);
        }
    }

    /** Every account, name key to line. */
    public Map<String, String> lines() throws IOException {
        try {
            return redis.registry().accounts();
        } catch (JedisException e) {
            throw new IOException("cannot reach Redis at " + config.where() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        redis.close();
    }
}
