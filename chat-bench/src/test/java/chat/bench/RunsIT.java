package chat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import chat.server.ChatServer;
import chat.server.JarProcess;
import chat.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * bench.jar's warm-up and measured runs in one process (the generator's own JIT warm before it measures): run as
 * shipped, against a real server.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RunsIT {
    private static final Path BENCH_JAR = Path.of("target", "bench.jar");

    @Test
    void warmUpRunsAreRunUnmeasuredThenEachMeasuredRunIsReported() throws Exception {
        try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).rateLimit(0, 1).maxPerIp(0).maxPendingPerIp(0)
                .connectThrottle(0, Duration.ofSeconds(1)).build())) {
            JarProcess bench = JarProcess.runToEnd(BENCH_JAR, "", "--port", String.valueOf(server.port()),
                    "--clients", "5", "--senders", "2", "--messages", "20", "--label", "twice", "--warmups", "2", "--runs", "2", "--rest", "0.2");
            List<String> output = bench.output();
            assertThat(bench.exitValue()).as("%s", output).isZero();
            // each warm-up is a whole run against the server: 5 receivers of 2 senders' 20 lines
            assertThat(output).filteredOn(l -> l.startsWith("warm-up run"))
                    .containsExactly("warm-up run 1 of 2: 200 of 200 delivered", "warm-up run 2 of 2: 200 of 200 delivered");
            List<String> json = output.stream().filter(l -> l.startsWith("JSON ")).toList();
            assertThat(json).hasSize(2).allMatch(l -> l.contains("\"label\":\"twice\"") && l.contains("\"delivered\":200"));
            assertThat(output).noneMatch(l -> l.contains("\"label\":\"warmup\""));
        }
    }

    @Test
    void noMeasuredRunIsAUsageError() throws Exception {
        JarProcess.assertUsageError(BENCH_JAR, "--port 1 --runs 0", "--warmups must be 0 or more, --runs 1 or more");
    }

    @Test
    void aRestOutOfRangeIsAUsageError() throws Exception {
        JarProcess.assertUsageError(BENCH_JAR, "--port 1 --rest -1", "--rest must be between 0 and 60 seconds");
        JarProcess.assertUsageError(BENCH_JAR, "--port 1 --rest 61", "--rest must be between 0 and 60 seconds");
    }
}
