package chat.server.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class KickHoldsTest {
    private final AtomicLong now = new AtomicLong(5_000_000_000L);

    @Test
    void aKickedNameIsHeldInAnyCaseUntilTheHoldEnds() {
        KickHolds holds = new KickHolds(Duration.ofSeconds(60), now::get);
        holds.kicked("Bob");
        assertThat(holds.heldNanos("bob")).isEqualTo(TimeUnit.SECONDS.toNanos(60));
        now.addAndGet(TimeUnit.SECONDS.toNanos(59));
        assertThat(holds.heldNanos("BOB")).isEqualTo(TimeUnit.SECONDS.toNanos(1));
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertThat(holds.heldNanos("bob")).isZero();
        assertThat(holds.heldNanos("carol")).isZero();
    }

    @Test
    void aZeroHoldHoldsNothing() {
        KickHolds holds = new KickHolds(Duration.ZERO, now::get);
        holds.kicked("bob");
        assertThat(holds.heldNanos("bob")).isZero();
    }

    @Test
    void memoryIsBoundedByDroppingTheOldestHolds() {
        KickHolds holds = new KickHolds(Duration.ofSeconds(60), now::get);
        for (int i = 0; i <= KickHolds.MAX_NAMES; i++) {
            holds.kicked("user" + i);
        }
        assertThat(holds.heldNanos("user0")).isZero();
        assertThat(holds.heldNanos("user" + KickHolds.MAX_NAMES)).isPositive();
    }
}
