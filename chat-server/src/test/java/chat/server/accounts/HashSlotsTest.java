package chat.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HashSlotsTest {
    private static Thread taking(HashSlots slots, boolean login, List<String> order, String name) {
        Thread thread = new Thread(() -> {
            slots.take(login);
            order.add(name);
        }, "taker-" + name);
        thread.start();
        return thread;
    }

    private static void awaitWaiting(Thread thread) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> thread.getState() == Thread.State.WAITING);
    }

    @Test
    void aLoginTakesTheNextFreeSlotAheadOfEveryChangeThatWaited() throws InterruptedException {
        HashSlots slots = new HashSlots(2); // two slots, one of them for changes
        List<String> order = new CopyOnWriteArrayList<>();
        slots.take(false);
        slots.take(true);
        Thread change = taking(slots, false, order, "change");
        awaitWaiting(change);
        Thread login = taking(slots, true, order, "login");
        awaitWaiting(login);

        slots.give(true); // a login's slot frees: the waiting login takes it, the change still may not
        login.join(10_000);
        assertThat(order).containsExactly("login");
        slots.give(false);
        change.join(10_000);
        assertThat(order).containsExactly("login", "change");
    }

    @Test
    void changesNeverTakeMoreThanHalfTheSlots() {
        HashSlots slots = new HashSlots(4);
        List<String> order = new CopyOnWriteArrayList<>();
        slots.take(false);
        slots.take(false);
        Thread third = taking(slots, false, order, "third change");
        awaitWaiting(third);
        slots.take(true); // the logins' half is free
        slots.take(true);
        assertThat(order).isEmpty();
        slots.give(false);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> order.contains("third change"));
    }

    @Test
    void oneProcessorStillServesChanges() {
        HashSlots slots = new HashSlots(1);
        slots.take(false);
        slots.give(false);
        slots.take(true);
        slots.give(true);
    }
}
