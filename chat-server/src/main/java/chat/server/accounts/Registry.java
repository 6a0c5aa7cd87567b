package chat.server.accounts;

import chat.server.config.ServerConfig;
import chat.server.moderation.Bans;
import chat.server.moderation.KickHolds;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What the server keeps about people rather than connections: registered names ({@code accounts}), bans
 * ({@code bans}), both in the data directory, and in memory the count of wrong passwords and the names
 * held out after a kick.
 */
public record Registry(Accounts accounts, Bans bans, GuessThrottle guesses, KickHolds kicks) {
    public static final String ACCOUNTS_FILE = "accounts";
    public static final String BANS_FILE = "bans";

    /**
     * Loads the files in {@code config}'s data directory, which exists ({@code DataDirectory}); with no data
     * directory everything is kept in memory.
     *
     * @throws IOException naming the file and line if one is damaged
     */
    public static Registry load(ServerConfig config) throws IOException {
        Path dir = config.dataDir();
        return new Registry(
                Accounts.load(dir == null ? null : dir.resolve(ACCOUNTS_FILE), config.passwordIterations()),
                Bans.load(dir == null ? null : dir.resolve(BANS_FILE), Clock.systemUTC()),
                new GuessThrottle(System::nanoTime),
                new KickHolds(config.kickHold(), System::nanoTime));
    }
}
