package chat.server.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class OutboxTest {
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final AtomicInteger finishing = new AtomicInteger();
    private final CountDownLatch done = new CountDownLatch(1);

    private Outbox outbox(int maxLines, long maxBytes) {
        return new Outbox(written, maxLines, maxBytes, bytes("BYE slow\n"), finishing::incrementAndGet, done::countDown);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private String drainToEnd(Outbox outbox) throws InterruptedException {
        Thread writer = new Thread(outbox::drain, "test-writer");
        writer.start();
        assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
        writer.join(20_000);
        return written.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesLinesInOfferOrderThenTheLastLine() throws InterruptedException {
        Outbox outbox = outbox(100, 10_000);
        for (int i = 0; i < 50; i++) {
            assertThat(outbox.offer(bytes(i + "\n"))).isTrue();
        }
        outbox.finish(bytes("BYE goodbye\n"));
        assertThat(outbox.offer(bytes("late\n"))).isFalse();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            expected.append(i).append('\n');
        }
        assertThat(drainToEnd(outbox)).isEqualTo(expected + "BYE goodbye\n");
        assertThat(finishing).hasValue(1);
    }

    @Test
    void overflowByLinesFinishesWithTheOverflowLine() throws InterruptedException {
        Outbox outbox = outbox(3, 10_000);
        assertThat(outbox.offer(bytes("a\n"))).isTrue();
        assertThat(outbox.offer(bytes("b\n"))).isTrue();
        assertThat(outbox.offer(bytes("c\n"))).isTrue();
        assertThat(outbox.offer(bytes("d\n"))).isFalse();
        assertThat(outbox.overflowed()).isTrue();
        assertThat(drainToEnd(outbox)).isEqualTo("a\nb\nc\nBYE slow\n");
    }

    @Test
    void severalLinesInOneArrayCountAsThatManyLines() throws InterruptedException {
        Outbox outbox = outbox(4, 10_000);
        assertThat(outbox.offer(bytes("a\nb\nc\n"), 3)).isTrue();
        assertThat(outbox.offer(bytes("d\ne\n"), 2)).isFalse(); // 5 lines waiting would be over the limit of 4
        assertThat(outbox.overflowed()).isTrue();
        assertThat(drainToEnd(outbox)).isEqualTo("a\nb\nc\nBYE slow\n");
    }

    @Test
    void overflowByBytesFinishesWithTheOverflowLine() throws InterruptedException {
        Outbox outbox = outbox(1000, 10);
        assertThat(outbox.offer(bytes("12345\n"))).isTrue();
        assertThat(outbox.offer(bytes("12345\n"))).isFalse();
        assertThat(drainToEnd(outbox)).isEqualTo("12345\nBYE slow\n");
    }

    @Test
    void aSendersOwnLineAndEveryLineAfterItWaitUntilTheStoreHasIt() throws InterruptedException {
        CountDownLatch onDisk = new CountDownLatch(1);
        Archive.Kept kept = timeout -> onDisk.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Outbox outbox = outbox(100, 10_000);
        Thread writer = new Thread(outbox::drain, "test-writer");
        writer.start();
        assertThat(outbox.offer(bytes("before\n"))).isTrue();
        awaitWritten("before\n");
        assertThat(outbox.offer(bytes("MSG me mine\n"), 1, kept)).isTrue();
        assertThat(outbox.offer(bytes("after\n"))).isTrue();
        Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> written.toString(StandardCharsets.UTF_8).equals("before\n")); // held while not kept
        onDisk.countDown();
        awaitWritten("before\nMSG me mine\nafter\n");
        outbox.finish(null);
        assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
        writer.join(20_000);
    }

    @Test
    void finishingTwiceKeepsTheFirstLastLine() throws InterruptedException {
        Outbox outbox = outbox(10, 1000);
        outbox.finish(bytes("BYE first\n"));
        outbox.finish(bytes("BYE second\n"));
        assertThat(drainToEnd(outbox)).isEqualTo("BYE first\n");
        assertThat(finishing).hasValue(1);
    }

    @Test
    void bytesWrittenNoLongerCountAgainstTheByteLimit() throws InterruptedException {
        Outbox outbox = outbox(1000, 10);
        Thread writer = new Thread(outbox::drain, "test-writer");
        writer.start();
        assertThat(outbox.offer(bytes("12345\n"))).isTrue();
        awaitWritten("12345\n");
        assertThat(outbox.offer(bytes("ab\n"))).isTrue();
        awaitWritten("12345\nab\n"); // the writer took "ab" after it had counted "12345" as written
        assertThat(outbox.offer(bytes("67890\n"))).isTrue(); // 15 bytes offered in all, never more than 10 waiting
        outbox.finish(null);
        assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
        writer.join(20_000);
        assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo("12345\nab\n67890\n");
        assertThat(outbox.overflowed()).isFalse();
    }

    @Test
    void aBatchLargerThanTheGatherBufferSoFarIsWrittenWholeAndInOrder() throws InterruptedException {
        CountDownLatch firstWrite = new CountDownLatch(1);
        CountDownLatch letWrite = new CountDownLatch(1);
        OutputStream gated = new OutputStream() { // holds the writer in its first write while the next batch queues
            @Override
            public void write(int b) {
                written.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                firstWrite.countDown();
                try {
                    letWrite.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                written.write(b, off, len);
            }
        };
        Outbox outbox = new Outbox(gated, 1000, 1_000_000, bytes("BYE slow\n"), finishing::incrementAndGet,
                done::countDown);
        StringBuilder expected = new StringBuilder();
        for (int size : new int[] {10, 20}) { // two small lines: a small gather buffer
            expected.append(line('a', size));
            assertThat(outbox.offer(bytes(line('a', size)))).isTrue();
        }
        Thread writer = new Thread(outbox::drain, "test-writer");
        writer.start();
        assertThat(firstWrite.await(20, TimeUnit.SECONDS)).isTrue();
        for (int size : new int[] {3_000, 40, 20_000, 5_000, 9_000}) { // one batch, past the buffer and its cap
            expected.append(line('b', size));
            assertThat(outbox.offer(bytes(line('b', size)))).isTrue();
        }
        outbox.finish(null);
        letWrite.countDown();
        assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
        writer.join(20_000);
        assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
    }

    @Test
    void theGatherBufferGrowsOnlyAsFarAsABatchNeeds() {
        byte[] small = Outbox.gatherFor(batch(100, 100), null);
        assertThat(small).hasSize(512);
        assertThat(Outbox.gatherFor(batch(200, 300), small)).isSameAs(small);
        byte[] grown = Outbox.gatherFor(batch(3_000, 3_000), small);
        assertThat(grown).hasSize(8_192);
        assertThat(Outbox.gatherFor(batch(20_000, 1), grown)).hasSize(16_384);
    }

    private static ArrayDeque<byte[]> batch(int... sizes) {
        ArrayDeque<byte[]> batch = new ArrayDeque<>();
        for (int size : sizes) {
            batch.add(new byte[size]);
        }
        return batch;
    }

    private static String line(char c, int length) {
        return String.valueOf(c).repeat(length - 1) + "\n";
    }

    private void awaitWritten(String expected) {
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> written.toString(StandardCharsets.UTF_8).equals(expected));
    }
}
