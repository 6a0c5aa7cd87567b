package chat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.server.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several nodes sharing one store in a real PostgreSQL ({@code --store}; docs/DESIGN.md, "The store"): each
 * line kept once, by its speaker's node, and read on any node; a room's lines under one key on every node; a
 * private line for someone away given at their login on another node; a node killed during a flood losing no
 * line it echoed.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClusterStoreIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    final TestCluster cluster = new TestCluster();
    private final String database = TestPostgres.newDatabase();

    private ServerConfig.Builder config() {
        return cluster.config().storeDatabase(database, null);
    }

    private static List<String> answer(TestLineClient client, String command, String end) throws IOException {
        client.send(command);
        return client.linesUntil(end);
    }

    private List<String> storedLines() throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection c = TestPostgres.connect(database); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT room, line FROM lines ORDER BY id")) {
            while (rows.next()) {
                lines.add(rows.getString(1).replaceAll("@.*", "@") + " " + rows.getString(2).strip());
            }
        }
        return lines;
    }

    @Test
    void eachLineIsKeptOnceByItsSpeakersNodeAndFoundFromAnyNode() throws Exception {
        ChatServer one = cluster.node(config());
        ChatServer two = cluster.node(config());
        ChatServer three = cluster.node(config());
        TestLineClient alice = cluster.login(one, "alice");
        TestLineClient bob = cluster.login(two, "bob");
        alice.linesUntil("JOIN bob ");
        for (int i = 1; i <= 3; i++) {
            alice.send("alice says " + i);
            alice.awaitLine("MSG alice alice says " + i); // echoed: kept
            bob.send("bob says " + i);
            bob.awaitLine("MSG bob bob says " + i);
        }
        alice.send("/join #dev");
        alice.awaitLine("IN #dev JOIN alice");
        bob.send("/join #dev");
        alice.awaitLine("IN #dev JOIN bob");
        alice.send("/to #dev made on one");
        alice.awaitLine("IN #dev MSG alice made on one");
        bob.send("/to #dev said on two");
        bob.awaitLine("IN #dev MSG bob said on two");

        assertThat(storedLines()).as("once each, whichever nodes delivered them").containsExactly(
                "#general MSG alice alice says 1", "#general MSG bob bob says 1", "#general MSG alice alice says 2",
                "#general MSG bob bob says 2", "#general MSG alice alice says 3", "#general MSG bob bob says 3",
                "#dev@ MSG alice made on one", "#dev@ MSG bob said on two");
        try (Connection c = TestPostgres.connect(database); Statement s = c.createStatement();
                ResultSet keys = s.executeQuery("SELECT count(DISTINCT room) FROM lines WHERE room LIKE '#dev@%'")) {
            keys.next();
            assertThat(keys.getInt(1)).as("one key for #dev on every node").isEqualTo(1);
        }

        TestLineClient carol = cluster.login(three, "carol");
        assertThat(answer(carol, "/history 4", "HISTORY_END ")).hasSize(5).last().isEqualTo("HISTORY_END #general 4 more");
        assertThat(answer(carol, "/search bob says", "FOUND_END ")).hasSize(4).last().isEqualTo("FOUND_END 3");
        carol.send("/join #dev");
        carol.awaitLine("IN #dev JOIN carol");
        carol.awaitLine("MEMBERS #dev ");
        List<String> dev = answer(carol, "/history #dev", "HISTORY_END ");
        assertThat(dev).hasSize(3).last().isEqualTo("HISTORY_END #dev 2 all");
        assertThat(dev.get(0)).endsWith("MSG alice made on one");
        assertThat(dev.get(1)).endsWith("MSG bob said on two");
    }

    @Test
    void whatWaitedAndWhatWasMissedAreGivenAtALoginOnAnotherNode(@TempDir Path data) throws Exception {
        ChatServer one = cluster.node(config().dataDir(data.resolve("one")).passwordIterations(1000).allowPlainPasswords(true));
        ChatServer two = cluster.node(config().dataDir(data.resolve("two")).passwordIterations(1000).allowPlainPasswords(true));
        try (TestLineClient bob = TestLineClient.login(one.port(), "bob")) {
            bob.send("/register correct horse");
            bob.awaitLine("INFO bob is registered now");
        }
        TestLineClient alice = cluster.login(two, "alice");
        await().atMost(WAIT).until(() -> answer(alice, "/list", "USERS ").get(0).equals("USERS alice"));
        alice.send("/msg bob while you were out");
        assertThat(alice.awaitLine("INFO ")).startsWith("INFO bob is not online: your line waits for them");
        alice.send("said on two while bob is away");
        alice.awaitLine("MSG alice said on two while bob is away");
        TestLineClient bob = cluster.track(TestLineClient.login(two.port(), "bob", "correct horse"));
        assertThat(bob.awaitLine("MISSED ")).as("left on one, back on two").startsWith("MISSED 1 ");
        assertThat(bob.awaitLine("WAITED ")).endsWith("PRIVATE alice bob while you were out");
    }

    /** A node killed with SIGKILL while its members flood: every line it echoed to them is in the store. */
    @Test
    void aNodeKilledDuringAFloodLosesNoLineItEchoed(@TempDir Path data) throws Exception {
        ChatServer survivor = cluster.node(config());
        TestLineClient watcher = cluster.login(survivor, "watcher");
        Set<String> echoed = ConcurrentHashMap.newKeySet();
        List<Future<?>> running = new ArrayList<>();
        try (JarProcess doomed = cluster.nodeProcess(data.resolve("doomed"), "--store", database,
                "--rate-limit", "off", "--connect-throttle", "off", "--max-per-ip", "0",
                "--send-queue-lines", "1000000", "--send-queue-bytes", "268435456")) { // as StoreCrashIT
            int port = ChatServerJarIT.awaitListening(doomed);
            for (int i = 0; i < 3; i++) {
                String name = "sender" + i;
                TestLineClient sender = cluster.track(TestLineClient.loginPlain(port, name));
                running.add(cluster.pool.submit(() -> {
                    for (int n = 0; n < 20_000; n++) {
                        sender.send(name + " line " + n);
                    }
                    return null;
                }));
                running.add(cluster.pool.submit(() -> {
                    String mine = "MSG " + name + " ";
                    for (String line = sender.readLine(); line != null; line = sender.readLine()) {
                        if (line.startsWith(mine)) {
                            echoed.add(line);
                        }
                    }
                    return null;
                }));
            }
            await().atMost(Duration.ofSeconds(90)).until(() -> echoed.size() >= 1_500);
            doomed.kill();
            doomed.awaitExit(WAIT);
        }
        for (Future<?> f : running) {
            try {
                f.get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // the connection broke under the kill: expected
            }
        }
        Set<String> kept = new HashSet<>();
        for (String line : storedLines()) {
            kept.add(line.substring(line.indexOf(' ') + 1));
        }
        Set<String> lost = new java.util.TreeSet<>(echoed);
        lost.removeAll(kept);
        assertThat(lost).as("echoed, not in the store").isEmpty();
        System.out.printf("node killed after %d echoes: all among the %d lines in the store%n", echoed.size(), kept.size());
    }

    /**
     * With PostgreSQL, the registered names and bans are in it: a node that starts after Redis lost everything, with
     * no copy of its own (no data directory), still knows them.
     */
    @Test
    void theAccountsAndBansAreInPostgresqlWhenRedisAndTheNodesForgetThem() throws Exception {
        ServerConfig.Builder accounts = config().passwordIterations(1000).allowPlainPasswords(true).operators(List.of("op"));
        TestAccounts.make(accounts.build(), "op", "op password");
        ChatServer one = cluster.node(accounts);
        ChatServer two = cluster.node(accounts);
        try (TestLineClient bob = TestLineClient.login(one.port(), "bob")) {
            bob.send("/register correct horse");
            bob.awaitLine("INFO bob is registered now");
        }
        try (TestLineClient op = TestLineClient.login(two.port(), "op", "op password")) {
            op.send("/ban mallory");
            op.awaitLine("INFO Banned mallory.");
        }
        await().atMost(WAIT).until(() -> column("SELECT name FROM accounts ORDER BY name").equals(List.of("bob", "op"))
                && column("SELECT entry FROM bans").size() == 1);
        one.close();
        two.close();
        cluster.redis.command("FLUSHALL");

        ChatServer three = cluster.node(accounts);
        cluster.track(TestLineClient.login(three.port(), "bob", "correct horse"));
        TestLineClient mallory = cluster.track(TestLineClient.connectRaw(three.port()));
        mallory.awaitLine("HELLO ");
        mallory.send("mallory");
        assertThat(mallory.awaitLine("ERROR ")).startsWith("ERROR BANNED mallory is banned");
    }

    private List<String> column(String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = TestPostgres.connect(database); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
