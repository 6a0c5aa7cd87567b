package chat.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
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

    @Test
    void sharedGuessesAreToldAndThoseOfOtherNodesCountHereWithoutBeingToldAgain() {
        List<String> told = new ArrayList<>();
        throttle.share((key, right) -> told.add(key + (right ? " right" : " wrong")));
        throttle.failed("name alice");
        throttle.succeeded("name bob");
        assertThat(told).containsExactly("name alice wrong", "name bob right");

        for (int i = 0; i < GuessThrottle.FREE_FAILURES; i++) {
            throttle.applied("name carol", false);
        }
        assertThat(throttle.waitNanos("name carol")).isEqualTo(TimeUnit.SECONDS.toNanos(1));
        assertThat(throttle.failed("name carol")).isEqualTo(GuessThrottle.FREE_FAILURES + 1);
        throttle.applied("name carol", true);
        assertThat(throttle.waitNanos("name carol")).isZero();
        assertThat(told).containsExactly("name alice wrong", "name bob right", "name carol wrong");
    }
}
