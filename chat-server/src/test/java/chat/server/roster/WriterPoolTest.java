package chat.server.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class WriterPoolTest {
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    private WriterPool pool(int core, Duration idle) {
        WriterPool pool = new WriterPool(core, idle);
        toClose.add(pool);
        return pool;
    }

    private static Outbox outbox(WriterPool pool, OutputStream out, CountDownLatch done) {
        return new Outbox(out, false, pool, null, "#1", 1_000_000, 1L << 30, bytes("BYE slow\n"), () -> { }, done::countDown);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyOutboxGetsItsLinesWholeAndInOrderFromSeveralSenders() throws Exception {
        WriterPool pool = pool(2, Duration.ofSeconds(5));
        int outboxes = 50;
        int senders = 4;
        int lines = 500;
        List<ByteArrayOutputStream> written = new ArrayList<>();
        List<Outbox> all = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(outboxes);
        for (int i = 0; i < outboxes; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            written.add(out);
            all.add(outbox(pool, out, done));
        }
        ExecutorService sending = Executors.newFixedThreadPool(senders);
        toClose.add(sending::shutdownNow);
        List<Future<?>> sent = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            String sender = "s" + s;
            sent.add(sending.submit(() -> {
                for (int n = 0; n < lines; n++) {
                    byte[] line = bytes(sender + " " + n + "\n"); // one array for everyone, as a broadcast
                    for (Outbox outbox : all) {
                        assertThat(outbox.offer(line)).isTrue();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : sent) {
            f.get(30, TimeUnit.SECONDS);
        }
        all.forEach(o -> o.finish(bytes("BYE end\n")));
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        for (ByteArrayOutputStream out : written) {
            String[] got = out.toString(StandardCharsets.UTF_8).split("\n");
            assertThat(got).hasSize(senders * lines + 1).endsWith("BYE end");
            int[] next = new int[senders];
            for (int i = 0; i < got.length - 1; i++) { // each sender's lines in the order it offered them
                String[] parts = got[i].split(" ");
                int sender = Integer.parseInt(parts[0].substring(1));
                assertThat(Integer.parseInt(parts[1])).as(got[i]).isEqualTo(next[sender]++);
            }
        }
    }

    @Test
    void aWriteThatBlocksDoesNotHoldUpTheOtherConnections() throws Exception {
        WriterPool pool = pool(1, Duration.ofMillis(200));
        GatedStream stuck = new GatedStream(); // a peer that stops reading, until it is opened
        CountDownLatch done = new CountDownLatch(2);
        Outbox slow = outbox(pool, stuck, done);
        ByteArrayOutputStream otherGot = new ByteArrayOutputStream();
        Outbox other = outbox(pool, otherGot, done);
        slow.offer(bytes("to the stuck one\n"));
        assertThat(stuck.awaitBlocked()).isTrue(); // the only worker is in that write now
        other.offer(bytes("to the other one\n"));
        await().atMost(Duration.ofSeconds(20)).until(() -> otherGot.toString(StandardCharsets.UTF_8).equals("to the other one\n"));
        assertThat(pool.workers()).isEqualTo(2);
        stuck.open();
        await().atMost(Duration.ofSeconds(20)).until(() -> stuck.written().equals("to the stuck one\n"));
        await().atMost(Duration.ofSeconds(20)).until(() -> pool.workers() == 1); // the extra one leaves when idle
        slow.finish(null);
        other.finish(null);
        assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
    }
}
