package chat.client.core;

import static org.assertj.core.api.Assertions.assertThat;

import chat.common.protocol.ServerEvent;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PacerTest {
    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final Pacer pacer = new Pacer(now::get);

    @Test
    void sendsTheBurstLessTheNameLineAtOnceThenAtTheRate() {
        pacer.update(new ServerEvent.Limits(5, 10, 20, 4096));
        for (int i = 0; i < 9; i++) {
            assertThat(pacer.reserve()).as("line %d", i).isZero();
        }
        assertThat(pacer.reserve()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(200));
        assertThat(pacer.reserve()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
    }

    @Test
    void doesNotPaceWhenTheServerHasNoLimit() {
        pacer.update(new ServerEvent.Limits(0, 1, 0, 4096));
        for (int i = 0; i < 1000; i++) {
            assertThat(pacer.reserve()).isZero();
        }
    }

    @Test
    void refusesLinesOverTheServersLineLimit() {
        pacer.update(new ServerEvent.Limits(5, 10, 20, 10));
        assertThat(pacer.fits("x".repeat(10))).isTrue();
        assertThat(pacer.fits("é".repeat(6))).isFalse(); // 12 bytes
    }
}
