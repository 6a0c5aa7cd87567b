package chat.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GuessThrottleTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final GuessThrottle throttle = new GuessThrottle(now::get);

    private void advanceSeconds(long seconds) {
        now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    @Test
    void fiveFailuresAreFreeThenTheWaitDoublesUpToFiveMinutes() {
        for (int i = 1; i < GuessThrottle.FREE_FAILURES; i++) {
            throttle.failed("name alice");
            assertThat(throttle.waitNanos("name alice")).isZero();
        }
        throttle.failed("name alice");
        assertThat(throttle.waitNanos("name alice")).isEqualTo(TimeUnit.SECONDS.toNanos(1));
        throttle.failed("name alice");
        assertThat(throttle.waitNanos("name alice")).isEqualTo(TimeUnit.SECONDS.toNanos(2));
        for (int i = 0; i < 20; i++) {
            throttle.failed("name alice");
        }
        assertThat(throttle.waitNanos("name alice")).isEqualTo(TimeUnit.MINUTES.toNanos(5));
        assertThat(throttle.waitNanos("name bob")).isZero();
        advanceSeconds(300);
        assertThat(throttle.waitNanos("name alice")).isZero();
    }

    @Test
    void successForgetsAndSoDoFifteenQuietMinutes() {
        for (int i = 0; i < 7; i++) {
            throttle.failed("a");
            throttle.failed("b");
        }
        throttle.succeeded("a");
        assertThat(throttle.waitNanos("a")).isZero();
        assertThat(throttle.failed("a")).isEqualTo(1);
        advanceSeconds(15 * 60 + 1);
        assertThat(throttle.failed("b")).isEqualTo(1);
    }

    @Test
    void keepsAtMostTheNewestKeys() {
        for (int i = 0; i < GuessThrottle.MAX_KEYS + 1000; i++) {
            throttle.failed("address " + i);
        }
        assertThat(throttle.keys()).isEqualTo(GuessThrottle.MAX_KEYS);
    }
}
