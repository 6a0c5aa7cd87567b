package chat.common.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BoundedLineReaderTest {

    private static BoundedLineReader reader(String text, int max) {
        return reader(text.getBytes(StandardCharsets.UTF_8), max);
    }

    private static BoundedLineReader reader(byte[] bytes, int max) {
        return new BoundedLineReader(new ByteArrayInputStream(bytes), max);
    }

    @Test
    void splitsOnNewlineAndCrLf() throws IOException {
        var r = reader("one\ntwo\r\n\nthree", 100);
        assertThat(r.readLine()).isEqualTo("one");
        assertThat(r.readLine()).isEqualTo("two");
        assertThat(r.readLine()).isEmpty();
        assertThat(r.readLine()).isEqualTo("three");
        assertThat(r.readLine()).isNull();
    }

    @Test
    void tellsWhetherAWholeLineIsBuffered() throws IOException {
        var r = new BoundedLineReader(new TrickleStream("ab\ncd\nef".getBytes(StandardCharsets.UTF_8)), 100);
        assertThat(r.hasBufferedLine()).isFalse(); // nothing read yet
        assertThat(r.readLine()).isEqualTo("ab"); // one read of 7 bytes: "ab\ncd\ne"
        assertThat(r.hasBufferedLine()).isTrue();
        assertThat(r.readLine()).isEqualTo("cd");
        assertThat(r.hasBufferedLine()).isFalse(); // only "e" of the last line
        assertThat(r.readLine()).isEqualTo("ef");
    }

    @Test
    void keepsLoneCarriageReturnInsideLine() throws IOException {
        assertThat(reader("a\rb\n", 100).readLine()).isEqualTo("a\rb");
    }

    @Test
    void replacesInvalidUtf8WithReplacementCharacter() throws IOException {
        var r = reader(new byte[] {'a', (byte) 0xC3, 'b', (byte) 0xFF, '\n'}, 100);
        assertThat(r.readLine()).isEqualTo("a\uFFFDb\uFFFD");
    }

    @Test
    void acceptsLineOfExactlyTheLimit() throws IOException {
        var r = reader("x".repeat(10) + "\r\n" + "y".repeat(10) + "\n", 10);
        assertThat(r.readLine()).isEqualTo("x".repeat(10));
        assertThat(r.readLine()).isEqualTo("y".repeat(10));
    }

    @Test
    void reportsTooLongLineAndGoesOnWithTheNext() throws IOException {
        var r = reader("x".repeat(11) + "\nnext\n" + "z".repeat(500) + "\nlast\n", 10);
        assertThatThrownBy(r::readLine).isInstanceOf(LineTooLongException.class);
        assertThat(r.readLine()).isEqualTo("next");
        assertThatThrownBy(r::readLine).isInstanceOf(LineTooLongException.class);
        assertThat(r.readLine()).isEqualTo("last");
        assertThat(r.readLine()).isNull();
    }

    @Test
    void reportsTooLongLineBeforeItEnds() throws IOException {
        // A stream that never sends a newline: the error must come without waiting for one.
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }
        };
        var r = new BoundedLineReader(endless, 4096);
        assertThatThrownBy(r::readLine).isInstanceOf(LineTooLongException.class);
    }

    @Test
    void discardsUnterminatedTooLongLineAtEnd() throws IOException {
        var r = reader("y".repeat(50), 10);
        assertThatThrownBy(r::readLine).isInstanceOf(LineTooLongException.class);
        assertThat(r.readLine()).isNull();
    }

    @Test
    void readsLinesSpanningManyBufferRefills() throws IOException {
        String big = "é".repeat(3000); // 6000 bytes: more than the initial buffer
        var r = new BoundedLineReader(new TrickleStream((big + "\n" + big + "\n").getBytes(StandardCharsets.UTF_8)), 8000);
        assertThat(r.readLine()).isEqualTo(big);
        assertThat(r.readLine()).isEqualTo(big);
        assertThat(r.readLine()).isNull();
    }

    /** Hands out at most 7 bytes per read, as a slow network would. */
    private static final class TrickleStream extends ByteArrayInputStream {
        TrickleStream(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 7));
        }
    }
}
