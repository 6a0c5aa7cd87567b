package chat.server.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Writer threads of their own wait at the gate for the rest of an instant's lines, and each writes them at once. */
@Timeout(60)
class WriterGateTest {
    private final List<Outbox> outboxes = new ArrayList<>();
    private final List<Thread> writers = new ArrayList<>();

    private Outbox startWriting(WriteCalls out, WriterGate gate) {
        Outbox outbox = new Outbox(out, false, null, gate, "#" + outboxes.size(), 1_000_000, 1L << 30, bytes("BYE\n"),
                () -> { }, () -> { });
        Thread writer = new Thread(outbox::drain, "test-writer-" + outboxes.size());
        writer.start();
        outboxes.add(outbox);
        writers.add(writer);
        return outbox;
    }

    @AfterEach
    void stopWriters() throws InterruptedException {
        outboxes.forEach(outbox -> outbox.finish(null));
        for (Thread writer : writers) {
            writer.join(20_000);
        }
    }

    private static boolean atGate(Thread writer) {
        return LockSupport.getBlocker(writer) != null && Arrays.stream(writer.getStackTrace())
                .anyMatch(frame -> frame.getClassName().equals(WriterGate.class.getName()));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void writersWokenByOneLineWaitTogetherForTheRestOfTheInstant() {
        WriterGate gate = new WriterGate(TimeUnit.SECONDS.toNanos(3));
        WriteCalls alice = new WriteCalls();
        WriteCalls bob = new WriteCalls();
        Outbox toAlice = startWriting(alice, gate);
        Outbox toBob = startWriting(bob, gate);
        // both writers idle, waiting for lines: what wakes them is the first line
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> writers.stream()
                .allMatch(w -> LockSupport.getBlocker(w) != null && !atGate(w)));
        byte[] first = bytes("MSG carol first\n");
        toAlice.offer(first, 1);
        toBob.offer(first, 1);
        // both writers woke with the first line and are at the gate, one waiting out the instant, one behind it
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> writers.stream().allMatch(WriterGateTest::atGate));
        byte[] second = bytes("MSG dave second\n");
        toAlice.offer(second, 1);
        toBob.offer(second, 1);
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> !alice.writes().isEmpty() && !bob.writes().isEmpty());
        assertThat(alice.writes()).containsExactly("MSG carol first\nMSG dave second\n");
        assertThat(bob.writes()).containsExactly("MSG carol first\nMSG dave second\n");
    }

    /** Many writers and instants, the gate short: no writer is left behind it, every line arrives, in order. */
    @Test
    void everyInstantEndsForEveryWriter() {
        WriterGate gate = new WriterGate(TimeUnit.MICROSECONDS.toNanos(200));
        List<WriteCalls> outs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            outs.add(new WriteCalls());
            startWriting(outs.get(i), gate);
        }
        StringBuilder expected = new StringBuilder();
        for (int instant = 0; instant < 300; instant++) {
            byte[] line = bytes("MSG x " + instant + "\n");
            expected.append("MSG x ").append(instant).append('\n');
            for (Outbox outbox : outboxes) {
                outbox.offer(line, 1);
            }
            if (instant % 3 == 0) {
                Thread.yield(); // some instants alone, some run together
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> outs.stream().allMatch(o -> o.all().contentEquals(expected)));
    }
}
