package chat.server;

import static org.assertj.core.api.Assertions.assertThat;

import chat.server.config.ServerText;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Server memory is bounded by configuration, not by what clients send: server.jar runs with a 64 MiB heap
 * while one client streams 200 MB without a newline and another never reads while 100 MB is broadcast.
 * It must survive (no OutOfMemoryError, still serving), and GC logging gives the heap figures.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class MemoryIT {
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    @Test
    void hostileVolumesDoNotGrowTheHeap() throws Exception {
        try (JarProcess server = JarProcess.start(List.of("-Xmx64m", "-Xlog:gc:stdout"), ChatServerJarIT.SERVER_JAR,
                "--port", "0", "--rate-limit", "off")) {
            int port = ChatServerJarIT.awaitListening(server);

            // 1. 200 MB with no newline: one LINE_TOO_LONG, and the connection still works after a newline.
            try (TestLineClient streamer = TestLineClient.login(port, "streamer")) {
                byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
                OutputStream out = streamer.socket().getOutputStream();
                Future<String> error = pool.submit(() -> streamer.awaitLine("ERROR LINE_TOO_LONG"));
                long sent = 0;
                for (; sent < 200L * 1024 * 1024; sent += chunk.length) {
                    out.write(chunk);
                }
                streamer.send("");
                assertThat(error.get(60, TimeUnit.SECONDS)).startsWith("ERROR LINE_TOO_LONG");
                streamer.send("still alive");
                assertThat(streamer.awaitLine("MSG ")).isEqualTo("MSG streamer still alive");
                System.out.printf("memory: streamed %d MB without a newline%n", sent >> 20);
            }

            // 2. 100 MB broadcast while one member never reads: it is dropped, the reader gets everything.
            try (TestLineClient sender = TestLineClient.login(port, "sender");
                    TestLineClient sink = TestLineClient.login(TestLineClient.connectRaw(port, 4096), "sink")) {
                String payload = "y".repeat(4000);
                int count = 100 * 1024 * 1024 / payload.length();
                Semaphore window = new Semaphore(100);
                Future<Integer> echoed = pool.submit(() -> {
                    int got = 0;
                    boolean sinkLeft = false;
                    while (got < count || !sinkLeft) {
                        String line = sender.readLine();
                        if (line.startsWith("MSG sender ")) {
                            got++;
                            window.release();
                        } else if (line.startsWith("LEAVE sink ")) {
                            assertThat(line).isEqualTo("LEAVE sink " + ServerText.BYE_TOO_SLOW);
                            sinkLeft = true;
                        }
                    }
                    return got;
                });
                for (int i = 0; i < count; i++) {
                    assertThat(window.tryAcquire(60, TimeUnit.SECONDS)).as("echo of message %d", i).isTrue();
                    sender.send(payload);
                }
                assertThat(echoed.get(120, TimeUnit.SECONDS)).isEqualTo(count);
                System.out.printf("memory: broadcast %d MB to a member that never read%n", (long) count * payload.length() >> 20);
            }

            try (TestLineClient late = TestLineClient.login(port, "late")) {
                late.send("/list");
                assertThat(late.awaitLine("USERS")).isEqualTo("USERS late");
            }
            server.terminate();
            assertThat(server.awaitExit(WAIT)).isZero();
            assertThat(server.output()).noneMatch(l -> l.contains("OutOfMemoryError"));
            reportHeap(server.output());
        }
    }

    private static void reportHeap(List<String> output) {
        int peakBefore = 0;
        int peakAfter = 0;
        int gcs = 0;
        for (String line : output) {
            Matcher m = GC_LINE.matcher(line);
            if (line.contains("[gc") && m.find()) {
                gcs++;
                peakBefore = Math.max(peakBefore, Integer.parseInt(m.group(1)));
                peakAfter = Math.max(peakAfter, Integer.parseInt(m.group(2)));
            }
        }
        System.out.printf("memory: -Xmx64m held; %d GCs, heap peak %d MB before GC, %d MB live after GC%n",
                gcs, peakBefore, peakAfter);
    }
}
