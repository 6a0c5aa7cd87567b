package chat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Checks of the delivery guarantee in docs/PROTOCOL.md on the lines several clients received. */
final class Deliveries {
    private Deliveries() {}

    /** Every receiver got the same lines in the same order; returns those lines. */
    static List<String> sameAtEveryReceiver(List<Future<List<String>>> received, long timeoutSeconds) throws Exception {
        List<String> first = received.get(0).get(timeoutSeconds, TimeUnit.SECONDS);
        for (Future<List<String>> other : received) {
            assertThat(other.get(timeoutSeconds, TimeUnit.SECONDS)).isEqualTo(first);
        }
        return first;
    }

    /** The lines starting with {@code prefix} are exactly {@code prefix + text + n} for n = 0 .. count - 1, in order. */
    static void eachOnceInOrder(List<String> lines, String prefix, String text, int count) {
        List<String> own = lines.stream().filter(l -> l.startsWith(prefix)).toList();
        assertThat(own).hasSize(count);
        for (int n = 0; n < count; n++) {
            assertThat(own.get(n)).isEqualTo(prefix + text + n);
        }
    }
}
