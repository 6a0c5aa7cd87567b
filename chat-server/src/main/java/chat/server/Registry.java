package chat.server;

import chat.common.io.PrivateDirectory;
import chat.server.accounts.Accounts;
import chat.server.accounts.GuessThrottle;
import chat.server.moderation.Bans;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What the server keeps about people rather than connections: registered names ({@code accounts}), bans
 * ({@code bans}), both in the data directory, and the count of wrong passwords (in memory).
 */
record Registry(Accounts accounts, Bans bans, GuessThrottle guesses) {
    static final String ACCOUNTS_FILE = "accounts";
    static final String BANS_FILE = "bans";

    /**
     * Loads the files in {@code config}'s data directory, creating it if needed, and making it
     * readable by its owner only; with no data
     * directory everything is kept in memory.
     *
     * @throws IOException naming the file and line if one is damaged, or the directory cannot be made
     */
    static Registry load(ServerConfig config) throws IOException {
        Path dir = config.dataDir();
        if (dir != null) {
            PrivateDirectory.create(dir);
        }
        return new Registry(
                Accounts.load(dir == null ? null : dir.resolve(ACCOUNTS_FILE), config.passwordIterations()),
                Bans.load(dir == null ? null : dir.resolve(BANS_FILE), Clock.systemUTC()),
                new GuessThrottle(System::nanoTime));
    }
}
