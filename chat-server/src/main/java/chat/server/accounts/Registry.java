package chat.server.accounts;

import chat.server.config.ServerConfig;
import chat.server.moderation.Bans;
import chat.server.moderation.KickHolds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server keeps about people rather than connections: registered names and bans, kept in the store
 * when there is one ({@link Tables}) and else in the files {@code accounts} and {@code bans} of the data
 * directory, and in memory the count of wrong passwords and the names held out after a kick.
 */
public record Registry(Accounts accounts, Bans bans, GuessThrottle guesses, KickHolds kicks) {
    private static final Logger log = LoggerFactory.getLogger(Registry.class);

    public static final String ACCOUNTS_FILE = "accounts";
    public static final String BANS_FILE = "bans";
    /** What a file is renamed to once the store holds its entries: kept as a backup, never read again. */
    public static final String IMPORTED = ".imported";

    /** Where the store keeps the accounts and bans (chat.server.store.Store is one). */
    public interface Tables extends Accounts.Table, Bans.Table {}

    /**
     * Loads the accounts and bans: from {@code tables} if not null, after bringing into them once the files a
     * server without a store kept in {@code config}'s data directory; else from those files (with no data
     * directory everything is kept in memory).
     *
     * @throws IOException naming the file and line, or the entry, if one is damaged
     */
    public static Registry load(ServerConfig config, Tables tables) throws IOException {
        Path dir = config.dataDir();
        Accounts accounts;
        Bans bans;
        if (tables == null) {
            accounts = Accounts.load(dir == null ? null : dir.resolve(ACCOUNTS_FILE), config.passwordIterations());
            bans = Bans.load(dir == null ? null : dir.resolve(BANS_FILE), Clock.systemUTC());
        } else {
            if (dir != null) {
                importFiles(dir, tables, config.passwordIterations());
            }
            accounts = Accounts.inTable(tables, config.passwordIterations());
            bans = Bans.inTable(tables, Clock.systemUTC());
        }
        return new Registry(accounts, bans, new GuessThrottle(System::nanoTime),
                new KickHolds(config.kickHold(), System::nanoTime));
    }

    /**
     * Brings the files {@code accounts} and {@code bans} of {@code dir} into {@code tables}, then renames each to
     * its {@link #IMPORTED} name. A file's entries win over the table's (a file exists only where a server without
     * a store ran last); a crash before the rename brings the same entries again at the next start, harmlessly.
     */
    private static void importFiles(Path dir, Tables tables, int iterations) throws IOException {
        Path accountsFile = dir.resolve(ACCOUNTS_FILE);
        if (Files.exists(accountsFile)) {
            Map<String, String> lines = Accounts.load(accountsFile, iterations).lines();
            for (Map.Entry<String, String> line : lines.entrySet()) {
                tables.keepAccount(line.getKey(), line.getValue());
            }
            keepAsBackup(accountsFile);
            log.info("Brought {} accounts from {} into the store; the file is kept as {}{}", lines.size(), accountsFile,
                    ACCOUNTS_FILE, IMPORTED);
        }
        Path bansFile = dir.resolve(BANS_FILE);
        if (Files.exists(bansFile)) {
            Set<String> there = new HashSet<>(tables.bans());
            List<String> lines = Bans.load(bansFile, Clock.systemUTC()).lines().stream()
                    .filter(line -> !there.contains(line)).toList();
            tables.changeBans(lines, List.of());
            keepAsBackup(bansFile);
            log.info("Brought {} bans from {} into the store; the file is kept as {}{}", lines.size(), bansFile,
                    BANS_FILE, IMPORTED);
        }
    }

    private static void keepAsBackup(Path file) throws IOException {
        Files.move(file, file.resolveSibling(file.getFileName() + IMPORTED), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }
}
