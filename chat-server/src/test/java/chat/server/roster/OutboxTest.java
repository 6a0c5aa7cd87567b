package chat.server.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every test twice: the outbox written by a thread of its own ({@code drain}), and in turns given by a pool. */
@Timeout(30)
class OutboxTest {
    /** How the outbox is written. */
    enum Writer {
        OWN_THREAD,
        TURNS
    }

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final AtomicInteger finishing = new AtomicInteger();
    private final CountDownLatch done = new CountDownLatch(1);
    private final LinkedBlockingQueue<Outbox> turns = new LinkedBlockingQueue<>(); // a pool of one worker, the test's

    private Outbox outbox(Writer writer, int maxLines, long maxBytes) {
        return outbox(writer, written, maxLines, maxBytes);
    }

    private Outbox outbox(Writer writer, OutputStream out, int maxLines, long maxBytes) {
        return new Outbox(out, false, writer == Writer.TURNS ? turns::add : null, null, "#1", maxLines, maxBytes, bytes("BYE slow\n"),
                finishing::incrementAndGet, done::countDown);
    }

    /** Starts writing {@code outbox} as {@code writer} says, until it is done. */
    private Thread startWriter(Writer writer, Outbox outbox) {
        Thread thread = new Thread(writer == Writer.OWN_THREAD ? outbox::drain : this::giveTurns, "test-writer");
        thread.start();
        return thread;
    }

    private void giveTurns() {
        try {
            while (done.getCount() > 0) {
                Outbox next = turns.poll(10, TimeUnit.MILLISECONDS);
                if (next != null) {
                    next.writeTurn();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private String drainToEnd(Writer how, Outbox outbox) throws InterruptedException {
        Thread writer = startWriter(how, outbox);
        assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
        writer.join(20_000);
        return written.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(Writer.class)
    void writesLinesInOfferOrderThenTheLastLine(Writer writer) throws InterruptedException {
        Outbox outbox = outbox(writer, 100, 10_000);
        for (int i = 0; i < 50; i++) {
            assertThat(outbox.offer(bytes(i + "\n"))).isTrue();
        }
        outbox.finish(bytes("BYE goodbye\n"));
        assertThat(outbox.offer(bytes("late\n"))).isFalse();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            expected.append(i).append('\n');
        }
        assertThat(drainToEnd(writer, outbox)).isEqualTo(expected + "BYE goodbye\n");
        assertThat(finishing).hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(Writer.class)
    void overflowByLinesFinishesWithTheOverflowLine(Writer writer) throws InterruptedException {
        Outbox outbox = outbox(writer, 3, 10_000);
        assertThat(outbox.offer(bytes("a\n"))).isTrue();
        assertThat(outbox.offer(bytes("b\n"))).isTrue();
        assertThat(outbox.offer(bytes("c\n"))).isTrue();
        assertThat(outbox.offer(bytes("d\n"))).isFalse();
        assertThat(outbox.overflowed()).isTrue();
        assertThat(drainToEnd(writer, outbox)).isEqualTo("a\nb\nc\nBYE slow\n");
    }

    @ParameterizedTest
    @EnumSource(Writer.class)
    void severalLinesInOneArrayCountAsThatManyLines(Writer writer) throws InterruptedException {
        Outbox outbox = outbox(writer, 4, 10_000);
        assertThat(outbox.offer(bytes("a\nb\nc\n"), 3)).isTrue();
        assertThat(outbox.offer(bytes("d\ne\n"), 2)).isFalse(); // 5 lines waiting would be over the limit of 4
        assertThat(outbox.overflowed()).isTrue();
        assertThat(drainToEnd(writer, outbox)).isEqualTo("a\nb\nc\nBYE slow\n");
    }

    @ParameterizedTest
    @EnumSource(Writer.class)
    void overflowByBytesFinishesWithTheOverflowLine(Writer writer) throws InterruptedException {
        Outbox outbox = outbox(writer, 1000, 10);
        assertThat(outbox.offer(bytes("12345\n"))).isTrue();
        assertThat(outbox.offer(bytes("12345\n"))).isFalse();
        assertThat(drainToEnd(writer, outbox)).isEqualTo("12345\nBYE slow\n");
    }

    @ParameterizedTest
    @EnumSource(Writer.class)
    void aSendersOwnLineAndEveryLineAfterItWaitUntilTheStoreHasIt(Writer writer) throws InterruptedException {
        LatchKept kept = new LatchKept();
        Outbox outbox = outbox(writer, 100, 10_000);
        Thread thread = startWriter(writer, outbox);
        assertThat(outbox.offer(bytes("before\n"))).isTrue();
        awaitWritten("before\n");
        assertThat(outbox.offer(bytes("MSG me mine\n"), 1, kept)).isTrue();
        assertThat(outbox.offer(bytes("after\n"))).isTrue();
        Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> written.toString(StandardCharsets.UTF_8).equals("before\n")); // held while not kept
        kept.keep();
        awaitWritten("before\nMSG me mine\nafter\n");
        outbox.finish(null);
        assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
        thread.join(20_000);
    }

    @ParameterizedTest
    @EnumSource(Writer.class)
    void finishingTwiceKeepsTheFirstLastLine(Writer writer) throws InterruptedException {
        Outbox outbox = outbox(writer, 10, 1000);
        outbox.finish(bytes("BYE first\n"));
        outbox.finish(bytes("BYE second\n"));
        assertThat(drainToEnd(writer, outbox)).isEqualTo("BYE first\n");
        assertThat(finishing).hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(Writer.class)
    void bytesWrittenNoLongerCountAgainstTheByteLimit(Writer writer) throws InterruptedException {
        Outbox outbox = outbox(writer, 1000, 10);
        Thread thread = startWriter(writer, outbox);
        assertThat(outbox.offer(bytes("12345\n"))).isTrue();
        awaitWritten("12345\n");
        assertThat(outbox.offer(bytes("ab\n"))).isTrue();
        awaitWritten("12345\nab\n"); // the writer took "ab" after it had counted "12345" as written
        assertThat(outbox.offer(bytes("67890\n"))).isTrue(); // 15 bytes offered in all, never more than 10 waiting
        outbox.finish(null);
        assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
        thread.join(20_000);
        assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo("12345\nab\n67890\n");
        assertThat(outbox.overflowed()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Writer.class)
    void aBatchLargerThanTheGatherBufferSoFarIsWrittenWholeAndInOrder(Writer writer) throws InterruptedException {
        GatedStream gated = new GatedStream(); // holds the writer in its first write while the next batch queues
        Outbox outbox = outbox(writer, gated, 1000, 1_000_000);
        StringBuilder expected = new StringBuilder();
        for (int size : new int[] {10, 20}) { // two small lines: a small gather buffer
            expected.append(line('a', size));
            assertThat(outbox.offer(bytes(line('a', size)))).isTrue();
        }
        Thread thread = startWriter(writer, outbox);
        assertThat(gated.awaitBlocked()).isTrue();
        for (int size : new int[] {3_000, 40, 20_000, 5_000, 9_000}) { // one batch, past the buffer and its cap
            expected.append(line('b', size));
            assertThat(outbox.offer(bytes(line('b', size)))).isTrue();
        }
        outbox.finish(null);
        gated.open();
        assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
        thread.join(20_000);
        assertThat(gated.written()).isEqualTo(expected.toString());
    }

    @ParameterizedTest
    @EnumSource(Writer.class)
    void anOutputThatGathersIsHandedEachArrayAsItIsThenFlushedOnce(Writer writer) throws InterruptedException {
        RecordingStream recording = new RecordingStream();
        GatedStream gated = new GatedStream(); // holds the first batch's write while the second batch queues
        OutputStream both = new OutputStream() {
            @Override
            public void write(int b) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                gated.write(b, off, len);
                recording.write(b, off, len);
            }

            @Override
            public void flush() {
                recording.flush();
            }
        };
        Outbox outbox = new Outbox(both, true, writer == Writer.TURNS ? turns::add : null, null, "#1", 100, 10_000,
                bytes("BYE slow\n"), finishing::incrementAndGet, done::countDown);
        byte[] first = bytes("first\n");
        List<byte[]> shared = List.of(bytes("MSG a one\n"), bytes("MSG b two\nMSG b three\n"), bytes("MSG c four\n"));
        assertThat(outbox.offer(first)).isTrue();
        Thread thread = startWriter(writer, outbox);
        assertThat(gated.awaitBlocked()).isTrue();
        shared.forEach(line -> assertThat(outbox.offer(line)).isTrue()); // one batch of three arrays
        outbox.finish(null);
        gated.open();
        assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
        thread.join(20_000);
        assertThat(recording.arrays).usingElementComparator((x, y) -> x == y ? 0 : 1) // the very arrays, not copies
                .containsExactly(first, shared.get(0), shared.get(1), shared.get(2));
        assertThat(recording.flushedAfter).containsExactly(1, 4); // one flush a batch
        assertThat(gated.written()).isEqualTo("first\nMSG a one\nMSG b two\nMSG b three\nMSG c four\n");
    }

    /** Which arrays it was written (whole ones only), and after how many of them each flush came. */
    private static final class RecordingStream {
        final List<byte[]> arrays = new ArrayList<>();
        final List<Integer> flushedAfter = new ArrayList<>();

        synchronized void write(byte[] b, int off, int len) {
            assertThat(off == 0 && len == b.length).as("a whole array").isTrue();
            arrays.add(b);
        }

        synchronized void flush() {
            flushedAfter.add(arrays.size());
        }
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

    /** A line's {@link Archive.Kept} that the test keeps. */
    private static final class LatchKept implements Archive.Kept {
        private final CountDownLatch onDisk = new CountDownLatch(1);
        private final List<Runnable> then = new ArrayList<>();

        @Override
        public boolean await(Duration timeout) throws InterruptedException {
            return onDisk.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public synchronized void whenKept(Runnable action) {
            if (onDisk.getCount() == 0) {
                action.run();
            } else {
                then.add(action);
            }
        }

        synchronized void keep() {
            onDisk.countDown();
            then.forEach(Runnable::run);
        }
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
