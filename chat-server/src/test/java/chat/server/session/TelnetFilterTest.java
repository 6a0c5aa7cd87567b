package chat.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class TelnetFilterTest {
    private final ByteArrayOutputStream replies = new ByteArrayOutputStream();

    private byte[] filter(int... bytes) throws IOException {
        byte[] in = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            in[i] = (byte) bytes[i];
        }
        InputStream filter = new TelnetFilter(new ByteArrayInputStream(in), replies::writeBytes);
        return filter.readAllBytes();
    }

    @Test
    void passesTextWithoutTelnetUnchanged() throws IOException {
        assertThat(filter('h', 'i', '\n')).containsExactly('h', 'i', '\n');
        assertThat(replies.size()).isZero();
    }

    @Test
    void dropsCommandsAndKeepsAnEscapedDataByte() throws IOException {
        assertThat(filter('a', 0xFF, 0xF4, 'b', 0xFF, 0xFF, 'c', 0xFF, 0xF1, '\n')).containsExactly('a', 'b', 0xFF, 'c', '\n');
    }

    @Test
    void refusesEveryOptionOffered() throws IOException {
        assertThat(filter(0xFF, 0xFD, 0x06, 0xFF, 0xFB, 0x18, 0xFF, 0xFE, 0x01, 0xFF, 0xFC, 0x03, 'x')).containsExactly('x');
        // DO TM -> WONT TM; WILL TTYPE -> DONT TTYPE; DONT and WONT need no answer
        assertThat(replies.toByteArray()).containsExactly(0xFF, 0xFC, 0x06, 0xFF, 0xFE, 0x18);
    }

    @Test
    void dropsSubnegotiations() throws IOException {
        assertThat(filter('a', 0xFF, 0xFA, 0x18, 0x00, 'x', 't', 0xFF, 0xF0, 'b')).containsExactly('a', 'b');
    }

    @Test
    void anUnendedSubnegotiationEndsWithItsLine() throws IOException {
        assertThat(filter('a', 0xFF, 0xFA, 'x', '\n', '/', 'q', '\n')).containsExactly('a', '\n', '/', 'q', '\n');
        assertThat(filter('a', 0xFF, 0xFA, 'x', '\r', 0, '/', 'q', '\r', 0)).containsExactly('a', '\r', 0, '/', 'q', '\r', 0);
        assertThat(filter('a', 0xFF, 0xFA, 'x', 0xFF, '\n', 'b', '\n')).containsExactly('a', '\n', 'b', '\n');
    }

    @Test
    void aStrayFfDoesNotSwallowTheLineEndAfterIt() throws IOException {
        assertThat(filter('a', 0xFF, '\n', 'b')).containsExactly('a', '\n', 'b');
    }

    @Test
    void answersAtMostABoundedNumberOfNegotiations() throws IOException {
        int[] spam = new int[3 * 1000];
        for (int i = 0; i < spam.length; i += 3) {
            spam[i] = 0xFF;
            spam[i + 1] = 0xFD;
            spam[i + 2] = 0x01;
        }
        assertThat(filter(spam)).isEmpty();
        assertThat(replies.size()).isEqualTo(3 * TelnetFilter.MAX_REPLIES);
    }

    @Test
    void commandsSplitAcrossReadsAreUnderstood() throws IOException {
        byte[] bytes = {'a', (byte) 0xFF, (byte) 0xFD, 0x06, 'b', '\n'};
        InputStream oneByteReads = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        TelnetFilter filter = new TelnetFilter(oneByteReads, replies::writeBytes);
        assertThat(filter.readAllBytes()).containsExactly('a', 'b', '\n');
        assertThat(replies.toByteArray()).containsExactly(0xFF, 0xFC, 0x06);
    }
}
