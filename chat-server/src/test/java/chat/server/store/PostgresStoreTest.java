package chat.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.server.TestPostgres;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The PostgreSQL store on a real PostgreSQL (TestPostgres), a new database per test: the contract, and its
 * schema, nodes opening it at once, where the password goes, and a database that does not answer.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PostgresStoreTest extends StoreContract {
    private String url;

    @Override
    Store create() {
        url = TestPostgres.newDatabase();
        return PostgresStore.open(url, null);
    }

    @Override
    Store reopen() {
        return PostgresStore.open(url, null);
    }

    @Test
    void itsSchemaIsAtTheNewestVersion() throws Exception {
        try (Connection c = TestPostgres.connect(url)) {
            assertThat(PostgresSchema.version(c)).isEqualTo(PostgresSchema.VERSION);
        }
    }

    @Test
    void nodesOpeningANewDatabaseAtOnceMakeItsSchemaOnce() throws Exception {
        String shared = TestPostgres.newDatabase();
        ExecutorService nodes = Executors.newFixedThreadPool(4);
        try {
            List<Future<Store>> opened = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                opened.add(nodes.submit((Callable<Store>) () -> PostgresStore.open(shared, null)));
            }
            List<Store> stores = new ArrayList<>();
            for (Future<Store> f : opened) {
                stores.add(f.get(60, TimeUnit.SECONDS));
            }
            stores.get(0).keep(List.of(said(GENERAL, 1, "alice", "one schema")));
            assertThat(texts(stores.get(3).latest(GENERAL, 10))).containsExactly("MSG alice one schema");
            stores.forEach(Store::close);
        } finally {
            nodes.shutdownNow();
        }
        try (Connection c = TestPostgres.connect(shared); Statement s = c.createStatement();
                var rows = s.executeQuery("SELECT count(*) FROM chat_schema")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void aStoreOfALaterReleaseIsRefusedNotMisread() throws Exception {
        store.close();
        try (Connection c = TestPostgres.connect(url); Statement s = c.createStatement()) {
            s.execute("UPDATE chat_schema SET version = " + (PostgresSchema.VERSION + 1));
        }
        assertThatThrownBy(() -> PostgresStore.open(url, null)).isInstanceOf(StoreException.class)
                .hasMessageContaining("newer than this server's " + PostgresSchema.VERSION);
    }

    @Test
    void aPasswordIsNeverInAnErrorAndAQuietServerIsADeadlineNotAHang() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            String withPassword = "postgresql://chat:s3cret-word@127.0.0.1:" + silent.getLocalPort() + "/chat?connectTimeout=2&loginTimeout=3";
            long start = System.nanoTime();
            assertThatThrownBy(() -> PostgresStore.open(withPassword, null)).isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("cannot open the store postgresql://chat@127.0.0.1:" + silent.getLocalPort() + "/chat: ")
                    .message().doesNotContain("s3cret");
            assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(30));
        }
        assertThatThrownBy(() -> PostgresStore.open("postgresql:///no-host", null)).isInstanceOf(StoreException.class)
                .hasMessageContaining("names no host");
    }
}
