package chat.server.roster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A socket's stream whose writer blocks in its writes, as on a peer that stopped reading, until it is opened. */
final class GatedStream extends OutputStream {
    private final ByteArrayOutputStream got = new ByteArrayOutputStream();
    private final CountDownLatch blocked = new CountDownLatch(1);
    private final CountDownLatch open = new CountDownLatch(1);

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        blocked.countDown();
        try {
            open.await();
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
        synchronized (got) {
            got.write(b, off, len);
        }
    }

    /** Waits until a writer is blocked in a write; true if one was within 20 s. */
    boolean awaitBlocked() throws InterruptedException {
        return blocked.await(20, TimeUnit.SECONDS);
    }

    /** Lets every write through, now and from now on. */
    void open() {
        open.countDown();
    }

    String written() {
        synchronized (got) {
            return got.toString(StandardCharsets.UTF_8);
        }
    }
}
