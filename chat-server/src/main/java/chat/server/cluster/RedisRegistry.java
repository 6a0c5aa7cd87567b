package chat.server.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.UnifiedJedis;

/**
 * The chat's registered names ({@code chat:accounts}: name key to the account entry, as {@code Accounts} keeps
 * it) and bans ({@code chat:bans}: their entries, as {@code Bans} keeps them) in Redis, where several nodes share
 * them. Every change is one script that also appends it to the stream, so every node applies it in the
 * stream's order. A node's own copy (in its store) is brought in only while Redis's is not live: no change was
 * made through Redis since it began.
 */
final class RedisRegistry {
    /**
     * ARGV: key, entry line ('' removes it), '1' if the key must be registered now ('0': must not), maxlen. Returns
     * 1 if changed (the change appended for every node), 0 if the key was not as required. The accounts are
     * live from then on: no node brings its own any more ({@link #SEED_ACCOUNTS}).
     */
    private static final RedisScript CHANGE_ACCOUNT = RedisScript.withShared("change-account");

    /**
     * ARGV: key, entry line, key, entry line... A node's own accounts, added where the key has none, while the
     * shared accounts are not live yet: no change was made through Redis since it began (a chat's first nodes
     * bring their files; after Redis lost its data, every node brings its copy, which had every change).
     */
    private static final RedisScript SEED_ACCOUNTS = RedisScript.of("seed-accounts");

    /**
     * ARGV: number of bans added, maxlen, the lines added, the lines removed. Each change is appended for every
     * node; the bans are live from then on (like the accounts: {@link #SEED_BANS}).
     */
    private static final RedisScript CHANGE_BANS = RedisScript.withShared("change-bans");

    /** ARGV: the lines of a node's own bans, added unless the bans are live (as {@link #SEED_ACCOUNTS}). */
    private static final RedisScript SEED_BANS = RedisScript.of("seed-bans");

    private final UnifiedJedis redis;
    private final String maxlen;

    RedisRegistry(UnifiedJedis redis, String maxlen) {
        this.redis = redis;
        this.maxlen = maxlen;
    }

    /** Changes name key {@code key}'s account (line null: removes it) if it is registered now exactly if {@code registered}. */
    boolean changeAccount(String key, String line, boolean registered) {
        return ((Long) CHANGE_ACCOUNT.run(redis, List.of(key, line == null ? "" : line, registered ? "1" : "0", maxlen))) == 1;
    }

    /** Adds {@code lines} where no account is unless the accounts are live; then every account, key to line. */
    Map<String, String> seedAccounts(Map<String, String> lines) {
        List<String> args = new ArrayList<>(2 * lines.size());
        lines.forEach((key, line) -> {
            args.add(key);
            args.add(line);
        });
        SEED_ACCOUNTS.run(redis, args);
        return accounts();
    }

    /** Adds the bans {@code added} and removes {@code removed} (lines as the file holds them). */
    void changeBans(List<String> added, List<String> removed) {
        List<String> args = new ArrayList<>(2 + added.size() + removed.size());
        args.add(Integer.toString(added.size()));
        args.add(maxlen);
        args.addAll(added);
        args.addAll(removed);
        CHANGE_BANS.run(redis, args);
    }

    /** Adds {@code lines} unless the bans are live; then every ban. */
    Set<String> seedBans(List<String> lines) {
        SEED_BANS.run(redis, lines);
        return bans();
    }

    /** Every ban, as the file holds it. */
    Set<String> bans() {
        return redis.smembers("chat:bans");
    }

    /** Every account, name key to line. */
    Map<String, String> accounts() {
        return redis.hgetAll("chat:accounts");
    }
}
