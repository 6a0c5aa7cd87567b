package chat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import chat.server.ChatServer;
import chat.server.ServerConfig;
import java.util.concurrent.TimeUnit;
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
                .connectThrottle(0, java.time.Duration.ofSeconds(1)).build())) {
            Results r = new LoadGenerator(workload(server.port(), 20, 5, 100, 0)).run("test");
            assertThat(r.clients()).isEqualTo(20);
            assertThat(r.expected()).isEqualTo(20L * 5 * 100);
            assertThat(r.delivered()).isEqualTo(r.expected());
            assertThat(r.lost() + r.duplicated() + r.outOfOrder() + r.garbled()).isZero();
            assertThat(r.p99Millis()).isPositive();
            assertThat(r.json()).contains("\"delivered\":10000", "\"lost\":0");
        }
    }

    @Test
    void reportsWhatARateLimitedServerRefusesAsLost() throws Exception {
        // bursts of 10 lines: of 30 unpaced messages per sender most are refused, and must show as lost
        try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).rateLimit(1, 10).floodDisconnect(1000).maxPerIp(0).maxPendingPerIp(0)
                .connectThrottle(0, java.time.Duration.ofSeconds(1)).build())) {
            Workload w = new Workload("127.0.0.1", server.port(), Dialect.CHAT, 4, 1, 30, 0, 64, 8, 8, 0);
            Results r = new LoadGenerator(w).run("limited");
            assertThat(r.lost()).isPositive();
            assertThat(r.delivered() + r.lost()).isEqualTo(r.expected());
        }
    }
}
