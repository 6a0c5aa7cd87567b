package chat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
    void finishingTwiceKeepsTheFirstLastLine() throws InterruptedException {
        Outbox outbox = outbox(10, 1000);
        outbox.finish(bytes("BYE first\n"));
        outbox.finish(bytes("BYE second\n"));
        assertThat(drainToEnd(outbox)).isEqualTo("BYE first\n");
        assertThat(finishing).hasValue(1);
    }
}
