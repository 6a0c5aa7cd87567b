package chat.server.roster;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A socket's stream that keeps each write call's bytes apart, as a string: what each system call would send. */
final class WriteCalls extends OutputStream {
    private final List<String> writes = new ArrayList<>();

    @Override
    public synchronized void write(int b) {
        writes.add(String.valueOf((char) b));
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        writes.add(new String(b, off, len, StandardCharsets.UTF_8));
    }

    synchronized List<String> writes() {
        return List.copyOf(writes);
    }

    /** Everything written, the calls joined. */
    synchronized String all() {
        return String.join("", writes);
    }
}
