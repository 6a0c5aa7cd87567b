package chat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import chat.server.ChatServer;
import chat.server.TlsTestServer;
import chat.server.config.ServerConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The generator against a real server: it must count every delivery, and nothing twice. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LoadGeneratorIT {

    private static Workload workload(int port, int clients, int senders, int messages, double rate) {
        return new Workload("127.0.0.1", port, Dialect.CHAT, clients, senders, messages, rate, 64, 60, 8,
                ProcessHandle.current().pid());
    }

    @Test
    void countsEveryDeliveryOfAnUnpacedRun() throws Exception {
        try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).rateLimit(0, 1).maxPerIp(0).maxPendingPerIp(0)
                .connectThrottle(0, Duration.ofSeconds(1)).build())) {
            Results r = new LoadGenerator(workload(server.port(), 20, 5, 100, 0), null).run("test");
            assertThat(r.clients()).isEqualTo(20);
            assertThat(r.expected()).isEqualTo(20L * 5 * 100);
            assertThat(r.delivered()).isEqualTo(r.expected());
            assertThat(r.lost() + r.duplicated() + r.outOfOrder() + r.garbled()).isZero();
            assertThat(r.p99Millis()).isPositive();
            // the server runs in this process, whose pid the workload names: its writes to the 20 clients at least
            assertThat(r.serverWrites()).isGreaterThanOrEqualTo(20);
            assertThat(r.json()).contains("\"delivered\":10000", "\"lost\":0", "\"server_writes\":" + r.serverWrites());
        }
    }

    /** With a write batch, an unpaced sender writes at most that much at a time, and every line still arrives. */
    @Test
    void writesOneBatchAtATimeWhenAskedTo() throws Exception {
        try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).rateLimit(0, 1).maxPerIp(0).maxPendingPerIp(0)
                .connectThrottle(0, Duration.ofSeconds(1)).build())) {
            Workload w = new Workload("127.0.0.1", List.of(server.port()), List.of(Dialect.CHAT), 10, 5, 200, 0, 64, 60, 8,
                    List.of(ProcessHandle.current().pid()), 0, false, 0, 1024);
            LoadGenerator generator = new LoadGenerator(w, null);
            Results r = generator.run("batches");
            assertThat(r.delivered()).isEqualTo(r.expected()).isEqualTo(10L * 5 * 200);
            assertThat(r.lost() + r.duplicated() + r.outOfOrder() + r.garbled()).isZero();
            // 1,000 lines of more than 64 bytes in writes of at most 1 KB (as much as the socket takes would be a few)
            assertThat(generator.sendersWrites()).isGreaterThanOrEqualTo(1000L * 64 / 1024);
        }
    }

    /** Rooms (workload (e)): each client in room id % rooms, each room's lines to its members only, none lost. */
    @Test
    void countsEveryDeliveryInRoomsAndNothingAcrossThem() throws Exception {
        try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).rateLimit(0, 1).maxPerIp(0).maxPendingPerIp(0)
                .connectThrottle(0, Duration.ofSeconds(1)).build())) {
            Workload w = new Workload("127.0.0.1", List.of(server.port()), Dialect.CHAT, 31, 7, 50, 0, 64, 60, 8,
                    List.of(ProcessHandle.current().pid()), 0, false, 3);
            Results r = new LoadGenerator(w, null).run("rooms");
            assertThat(r.clients()).isEqualTo(31);
            // rooms 0, 1, 2 have 11, 10 and 10 members, and 3, 2 and 2 of the senders 0-6
            assertThat(r.expected()).isEqualTo((11L * 3 + 10L * 2 + 10L * 2) * 50);
            assertThat(r.delivered()).isEqualTo(r.expected());
            assertThat(r.lost() + r.duplicated() + r.outOfOrder() + r.garbled()).isZero();
        }
    }

    /**
     * A mixed run (issue #29): clients on the chat's port speak its protocol, those on its IRC port IRC, all in one
     * room; every line reaches everyone, the chat's senders their own echo too, IRC's not.
     */
    @Test
    void countsEveryDeliveryOfAMixedRunOfChatAndIrcClients() throws Exception {
        try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).ircPort(0).rateLimit(0, 1).maxPerIp(0)
                .maxPendingPerIp(0).connectThrottle(0, Duration.ofSeconds(1)).build())) {
            Workload w = new Workload("127.0.0.1", List.of(server.port(), server.ircPort()), List.of(Dialect.CHAT, Dialect.IRC),
                    20, 5, 100, 0, 64, 60, 8, List.of(ProcessHandle.current().pid()), 0, false, 1, 0);
            Results r = new LoadGenerator(w, null).run("mixed");
            assertThat(r.clients()).isEqualTo(20);
            // senders 0, 2, 4 speak the chat's protocol (20 deliveries each), 1 and 3 IRC (19: no echo)
            assertThat(r.expected()).isEqualTo((3L * 20 + 2L * 19) * 100);
            assertThat(r.delivered()).isEqualTo(r.expected());
            assertThat(r.lost() + r.duplicated() + r.outOfOrder() + r.garbled()).isZero();
            assertThat(r.json()).contains("\"target\":\"chat+irc\"");
        }
    }

    @Test
    void reportsWhatARateLimitedServerRefusesAsLost() throws Exception {
        // bursts of 10 lines: of 30 unpaced messages per sender most are refused, and must show as lost
        try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).rateLimit(1, 10).floodDisconnect(1000).maxPerIp(0).maxPendingPerIp(0)
                .connectThrottle(0, Duration.ofSeconds(1)).build())) {
            Workload w = new Workload("127.0.0.1", server.port(), Dialect.CHAT, 4, 1, 30, 0, 64, 8, 8, 0);
            Results r = new LoadGenerator(w, null).run("limited");
            assertThat(r.lost()).isPositive();
            assertThat(r.delivered() + r.lost()).isEqualTo(r.expected());
        }
    }

    @Test
    void countsEveryDeliveryOverTls(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        try (TlsTestServer server = TlsTestServer.start(dir, ServerConfig.builder().rateLimit(0, 1).maxPerIp(0)
                .maxPendingPerIp(0).connectThrottle(0, Duration.ofSeconds(1)))) {
            SSLContext client = BenchMain.trusting(dir.resolve("tls/cert.pem")); // as --tls reads it
            Results unpaced = new LoadGenerator(workload(server.port(), 20, 5, 300, 0), client).run("tls");
            assertThat(unpaced.clients()).isEqualTo(20);
            assertThat(unpaced.delivered()).isEqualTo(20L * 5 * 300);
            assertThat(unpaced.lost() + unpaced.duplicated() + unpaced.outOfOrder() + unpaced.garbled()).isZero();
            Results paced = new LoadGenerator(workload(server.port(), 10, 2, 20, 50), client).run("tls-paced");
            assertThat(paced.delivered()).isEqualTo(10L * 2 * 20);
        }
    }

    @Test
    void spreadSendersTakeTurnsAcrossOneInterval() throws Exception {
        try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).rateLimit(0, 1).maxPerIp(0).maxPendingPerIp(0)
                .connectThrottle(0, Duration.ofSeconds(1)).build())) {
            // 2 senders at 2 lines/s: all at once, the last line leaves 0.5 s after the first; taking turns,
            // the second sender starts half an interval later, so its last line leaves at 0.75 s
            Workload w = new Workload("127.0.0.1", List.of(server.port()), Dialect.CHAT, 4, 2, 2, 2, 64, 60, 8,
                    List.of(ProcessHandle.current().pid()), 0, true, 0);
            Results r = new LoadGenerator(w, null).run("spread");
            assertThat(r.delivered()).isEqualTo(r.expected());
            assertThat(r.lost() + r.duplicated() + r.outOfOrder() + r.garbled()).isZero();
            assertThat(r.seconds()).isGreaterThanOrEqualTo(0.74);
        }
    }

    /**
     * A run right after another: the earlier run's sessions may still be closing on the server (here they
     * stay open), holding their names. The new run's clients must not ask for those names.
     */
    @Test
    void aRunLogsEveryoneInWhileAnEarlierRunsNamesAreStillHeld() throws Exception {
        try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).rateLimit(0, 1).maxPerIp(0).maxPendingPerIp(0)
                .connectThrottle(0, Duration.ofSeconds(1)).build())) {
            Workload w = new Workload("127.0.0.1", server.port(), Dialect.CHAT, 3, 1, 2, 0, 64, 10, 8, ProcessHandle.current().pid());
            LoadGenerator earlier = new LoadGenerator(w, null);
            List<Socket> lingering = new ArrayList<>();
            try {
                for (int id = 0; id < 3; id++) {
                    lingering.add(loggedIn(server.port(), earlier.login(id)));
                }
                Results r = new LoadGenerator(w, null).run("after");
                assertThat(r.clients()).isEqualTo(3);
                assertThat(r.delivered()).isEqualTo(r.expected());
            } finally {
                for (Socket socket : lingering) {
                    socket.close();
                }
            }
        }
    }

    /** A connection logged in with {@code login}, as a client of the earlier run was. */
    private static Socket loggedIn(int port, byte[] login) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(login);
        var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        String line;
        do {
            line = in.readLine();
        } while (line != null && !line.startsWith("WELCOME") && !line.startsWith("ERROR"));
        assertThat(line).startsWith("WELCOME");
        return socket;
    }
}
