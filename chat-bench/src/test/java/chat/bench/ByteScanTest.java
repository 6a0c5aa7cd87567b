package chat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ByteScanTest {

    @Test
    void findsTheFirstOccurrenceInEveryPositionOfAWord() {
        for (int at = 0; at < 20; at++) {
            byte[] a = "xxxxxxxxxxxxxxxxxxxxxxxx".getBytes(StandardCharsets.US_ASCII);
            a[at] = '\n';
            a[Math.min(a.length - 1, at + 3)] = '\n'; // a later one must not win
            assertThat(ByteScan.indexOf(a, (byte) '\n', 0, a.length)).as("newline at %d", at).isEqualTo(at);
        }
    }

    @Test
    void keepsToTheRangeAsked() {
        byte[] a = "ab\ncd\nef".getBytes(StandardCharsets.US_ASCII);
        assertThat(ByteScan.indexOf(a, (byte) '\n', 3, a.length)).isEqualTo(5);
        assertThat(ByteScan.indexOf(a, (byte) '\n', 3, 5)).isEqualTo(-1);
        assertThat(ByteScan.indexOf(a, (byte) '\n', 0, 0)).isEqualTo(-1);
    }

    /** Bytes next to the one sought (0x09, 0x0B, 0x8A, 0xFF...) are where a word-at-a-time search goes wrong. */
    @ParameterizedTest
    @MethodSource("seeds")
    void agreesWithAPlainLoopOnRandomBytes(long seed) {
        Random random = new Random(seed);
        byte[] near = {0x00, 0x01, 0x09, 0x0A, 0x0B, (byte) 0x8A, (byte) 0x80, (byte) 0xFF, 'x', '#'};
        for (int round = 0; round < 2_000; round++) {
            byte[] a = new byte[random.nextInt(64)];
            for (int i = 0; i < a.length; i++) {
                a[i] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : near[random.nextInt(near.length)];
            }
            byte sought = near[random.nextInt(near.length)];
            int from = random.nextInt(a.length + 1);
            int to = from + random.nextInt(a.length - from + 1);
            assertThat(ByteScan.indexOf(a, sought, from, to))
                    .as("seed %d, round %d", seed, round)
                    .isEqualTo(plainIndexOf(a, sought, from, to));
        }
    }

    static LongStream seeds() {
        long given = Long.getLong("test.seed", 0);
        return given != 0 ? LongStream.of(given) : new Random().longs(5);
    }

    private static int plainIndexOf(byte[] a, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
