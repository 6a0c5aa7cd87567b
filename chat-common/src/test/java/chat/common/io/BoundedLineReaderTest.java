package chat.common.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
        var r = reader("one\ntwo\r\n\nthree\n", 100);
        assertThat(r.readLine()).isEqualTo("one");
        assertThat(r.readLine()).isEqualTo("two");
        assertThat(r.readLine()).isEmpty();
        assertThat(r.readLine()).isEqualTo("three");
        assertThat(r.readLine()).isNull();
    }

    @Test
    void dropsAnUnterminatedFragmentAtTheEnd() throws IOException {
        var r = reader("transfer 100 EUR to bob\n-- no wait, to mallo", 100);
        assertThat(r.readLine()).isEqualTo("transfer 100 EUR to bob");
        assertThat(r.readLine()).isNull();
    }

    @Test
    void splitsOnLoneCarriageReturnAndTelnetCrNul() throws IOException {
        var r = reader("a\rb\r\0c\r\nd\r\re\n", 100);
        assertThat(r.readLine()).isEqualTo("a");
        assertThat(r.readLine()).isEqualTo("b");
        assertThat(r.readLine()).isEqualTo("c");
        assertThat(r.readLine()).isEqualTo("d");
        assertThat(r.readLine()).isEmpty(); // "\r\r" is two line ends
        assertThat(r.readLine()).isEqualTo("e");
        assertThat(r.readLine()).isNull();
    }

    @Test
    void crLfSplitAcrossReadsIsOneLineEnd() throws IOException {
        // 7 bytes per read: "abcdef\r" then "\nghijk\r" then "\0" then "l\n"
        var r = new BoundedLineReader(new TrickleStream("abcdef\r\nghijk\r\0l\n".getBytes(StandardCharsets.UTF_8)), 100);
        assertThat(r.readLine()).isEqualTo("abcdef");
        assertThat(r.readLine()).isEqualTo("ghijk");
        assertThat(r.readLine()).isEqualTo("l");
        assertThat(r.readLine()).isNull();
    }

    @Test
    void tellsWhetherAWholeLineIsBuffered() throws IOException {
        var r = new BoundedLineReader(new TrickleStream("ab\ncd\nef\n".getBytes(StandardCharsets.UTF_8)), 100);
        assertThat(r.hasBufferedLine()).isFalse(); // nothing read yet
        assertThat(r.readLine()).isEqualTo("ab"); // one read of 7 bytes: "ab\ncd\ne"
        assertThat(r.hasBufferedLine()).isTrue();
        assertThat(r.readLine()).isEqualTo("cd");
        assertThat(r.hasBufferedLine()).isFalse(); // only "e" of the last line
        assertThat(r.readLine()).isEqualTo("ef");
    }

    @Test
    void goesOnAfterAReadTimeout() throws IOException {
        // a stream that times out once in the middle of a line, as a socket with SO_TIMEOUT does
        byte[] bytes = "ab\ncd\n".getBytes(StandardCharsets.UTF_8);
        InputStream stalling = new InputStream() {
            private int pos;
            private boolean stalled;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws SocketTimeoutException {
                if (pos == 4 && !stalled) {
                    stalled = true;
                    throw new SocketTimeoutException("timed out");
                }
                if (pos == bytes.length) {
                    return -1;
                }
                int n = Math.min(len, pos < 4 ? 4 - pos : bytes.length - pos);
                System.arraycopy(bytes, pos, b, off, n);
                pos += n;
                return n;
            }
        };
        var r = new BoundedLineReader(stalling, 100);
        assertThat(r.readLine()).isEqualTo("ab");
        assertThatThrownBy(r::readLine).isInstanceOf(SocketTimeoutException.class);
        assertThat(r.readLine()).isEqualTo("cd");
        assertThat(r.readLine()).isNull();
    }

    @Test
    void replacesInvalidUtf8WithReplacementCharacter() throws IOException {
        var r = reader(new byte[] {'a', (byte) 0xC3, 'b', (byte) 0xFF, '\n'}, 100);
        assertThat(r.readLine()).isEqualTo("a\uFFFDb\uFFFD");
    }

    @Test
    void foldsEachRunOfInvalidBytesIntoOneReplacementCharacter() throws IOException {
        byte[] line = new byte[4001];
        Arrays.fill(line, (byte) 0x80);
        line[4000] = '\n';
        assertThat(reader(line, 4096).readLine()).isEqualTo("\uFFFD");
    }

    @Test
    void countsTheTextAfterReplacementAgainstTheLimit() throws IOException {
        // "a" + one bad byte, repeated: 2 bytes in, 4 bytes of text out
        byte[] bytes = new byte[21];
        for (int i = 0; i < 20; i += 2) {
            bytes[i] = 'a';
            bytes[i + 1] = (byte) 0xFF;
        }
        bytes[20] = '\n';
        var r = reader(bytes, 20);
        assertThatThrownBy(r::readLine).isInstanceOf(LineTooLongException.class);
        assertThat(r.readLine()).isNull();
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
