package chat.server.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private void advanceMillis(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void allowsABurstThenRefuses() {
        RateLimiter limiter = new RateLimiter(5, 10, now::get);
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.tryAcquire()).as("line %d", i).isTrue();
        }
        assertThat(limiter.tryAcquire()).isFalse();
    }

    @Test
    void refillsAtTheSustainedRate() {
        RateLimiter limiter = new RateLimiter(5, 10, now::get);
        while (limiter.tryAcquire()) {
            // empty the bucket
        }
        advanceMillis(199);
        assertThat(limiter.tryAcquire()).isFalse();
        advanceMillis(1);
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isFalse();
        advanceMillis(1000);
        int allowed = 0;
        while (limiter.tryAcquire()) {
            allowed++;
        }
        assertThat(allowed).isEqualTo(5);
    }

    @Test
    void neverSavesMoreThanTheBurst() {
        RateLimiter limiter = new RateLimiter(5, 10, now::get);
        advanceMillis(3_600_000);
        int allowed = 0;
        while (limiter.tryAcquire()) {
            allowed++;
        }
        assertThat(allowed).isEqualTo(10);
    }
}
