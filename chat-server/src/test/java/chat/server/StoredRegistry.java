package chat.server;

import chat.server.store.SqliteStore;
import chat.server.store.Store;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What a single server's store in a data directory holds of the accounts and bans, read as another process would. */
final class StoredRegistry {
    private StoredRegistry() {}

    /** The accounts in the store of {@code dataDir}: name key to entry. */
    static Map<String, String> accounts(Path dataDir) throws IOException {
        try (Store store = SqliteStore.open(dataDir)) {
            return store.accounts();
        }
    }

    /** The bans in the store of {@code dataDir}, oldest first. */
    static List<String> bans(Path dataDir) throws IOException {
        try (Store store = SqliteStore.open(dataDir)) {
            return store.bans();
        }
    }
}
