package chat.server;

import chat.server.config.ServerConfig;
import chat.server.store.PostgresStore;
import chat.server.store.Store;

/** StoreIT with the store in PostgreSQL ({@code --store postgresql://...}): a new database for each test. */
class StoreOnPostgresIT extends StoreIT {
    private final String database = TestPostgres.newDatabase();

    @Override
    ServerConfig.Builder config() {
        return super.config().storeDatabase(database, null);
    }

    @Override
    Store openStore() {
        return PostgresStore.open(database, null);
    }
}
