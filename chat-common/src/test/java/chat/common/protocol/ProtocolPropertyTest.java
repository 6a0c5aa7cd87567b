package chat.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import chat.common.io.BoundedLineReader;
import chat.common.io.LineTooLongException;
import chat.common.text.TextSanitizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the protocol over generated input. Each run draws a new seed, printed first; replay a
 * failure with {@code -Dtest.seed=N}. Each case carries its own seed, shown in the test name.
 */
class ProtocolPropertyTest {
    private static final int CASES = 300;
    private static final long SEED = Long.getLong("test.seed", System.nanoTime());
    private static final Pattern NAME_GRAMMAR = Pattern.compile("[A-Za-z0-9_.-]{1,20}");

    static {
        System.out.println("ProtocolPropertyTest seed: " + SEED + " (replay with -Dtest.seed=" + SEED + ")");
    }

    static Stream<Long> seeds() {
        Random master = new Random(SEED);
        return IntStream.range(0, CASES).mapToObj(i -> master.nextLong());
    }

    @ParameterizedTest(name = "case seed {0}")
    @MethodSource("seeds")
    void anyBytesFrameIntoLinesThatDecodeOrFailCleanly(long seed) throws IOException {
        Random random = new Random(seed);
        byte[] bytes = Generators.bytes(random, random.nextInt(3000));
        BoundedLineReader reader = new BoundedLineReader(new ByteArrayInputStream(bytes), 200);
        for (int i = 0; i < bytes.length + 1; i++) {
            String line;
            try {
                line = reader.readLine();
            } catch (LineTooLongException e) {
                continue;
            }
            if (line == null) {
                return;
            }
            // invalid bytes never make a line longer than the limit: each run is one U+FFFD, and the limit holds after
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(200);
            assertThat(line).doesNotContain("\n", "\r", "\uFFFD\uFFFD");
            assertThatCode(() -> {
                        try {
                            EventCodec.decode(line);
                        } catch (ProtocolException expected) {
                            // a clean refusal is fine
                        }
                    })
                    .doesNotThrowAnyException();
            assertThatCode(() -> CommandParser.parse(line)).doesNotThrowAnyException();
        }
        throw new AssertionError("reader did not reach the end");
    }

    @ParameterizedTest(name = "case seed {0}")
    @MethodSource("seeds")
    void encodeThenDecodeIsTheIdentity(long seed) throws ProtocolException {
        ServerEvent event = Generators.event(new Random(seed));
        String line = EventCodec.encode(event);
        assertThat(line).doesNotContain("\n", "\r");
        assertThat(EventCodec.decode(line)).isEqualTo(event);
    }

    @ParameterizedTest(name = "case seed {0}")
    @MethodSource("seeds")
    void sanitiserIsIdempotentAndLeavesNoControlsNorFormattingNorMarkStacks(long seed) {
        String text = Generators.text(new Random(seed), 200, true);
        String clean = TextSanitizer.clean(text);
        assertThat(TextSanitizer.clean(clean)).isEqualTo(clean);
        assertThat(clean.codePoints().noneMatch(TextSanitizer::isRemoved)).isTrue();
        int run = 0;
        for (int cp : clean.codePoints().toArray()) {
            run = TextSanitizer.isCombiningMark(cp) ? run + 1 : 0;
            assertThat(run).isLessThanOrEqualTo(TextSanitizer.MAX_MARKS_PER_BASE);
        }
        // everything else stays, in order
        StringBuilder kept = new StringBuilder();
        text.codePoints().filter(cp -> !TextSanitizer.isRemoved(cp) && !TextSanitizer.isCombiningMark(cp))
                .forEach(kept::appendCodePoint);
        StringBuilder cleanBases = new StringBuilder();
        clean.codePoints().filter(cp -> !TextSanitizer.isCombiningMark(cp)).forEach(cleanBases::appendCodePoint);
        assertThat(cleanBases.toString()).isEqualTo(kept.toString());
    }

    @ParameterizedTest(name = "case seed {0}")
    @MethodSource("seeds")
    void nameValidationAgreesWithTheDocumentedGrammar(long seed) {
        Random random = new Random(seed);
        String candidate = random.nextBoolean() ? Generators.name(random) : Generators.text(random, 25, true);
        assertThat(Username.isValid(candidate)).isEqualTo(NAME_GRAMMAR.matcher(candidate).matches());
    }
}
