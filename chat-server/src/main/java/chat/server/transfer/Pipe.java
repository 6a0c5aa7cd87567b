package chat.server.transfer;

import chat.common.protocol.TransferState;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running transfer's thread: copies exactly the offered bytes from the sender's data connection to the
 * recipient's through one fixed buffer ({@link Copier}), paced by the sender's {@link Bandwidth} if any, and
 * then ends the transfer, as done or as failed. Closing the data connections (the transfer ended otherwise)
 * frees it wherever it blocks.
 */
final class Pipe implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(Pipe.class);

    /** How a transfer is ended: {@link Transfers#end}. */
    interface Ending {
        void end(Transfer transfer, TransferState state, String text);
    }

    private final Transfer transfer;
    private final Bandwidth bandwidth; // or null
    private final LongSupplier clock;
    private final Ending ending;

    Pipe(Transfer transfer, Bandwidth bandwidth, LongSupplier clock, Ending ending) {
        this.transfer = transfer;
        this.bandwidth = bandwidth;
        this.clock = clock;
        this.ending = ending;
    }

    @Override
    public void run() {
        Copier copier = Copier.between(transfer.fromLink, transfer.toLink);
        long started = clock.getAsLong();
        long left = transfer.size;
        while (left > 0) {
            int n;
            try {
                n = copier.read((int) Math.min(Transfers.BUFFER_BYTES, left));
            } catch (IOException e) {
                ending.end(transfer, TransferState.FAILED, "the sender's data connection was lost");
                return;
            }
            if (n < 0) {
                ending.end(transfer, TransferState.FAILED, "the sender's data ended after " + (transfer.size - left)
                        + " of " + transfer.size + " bytes");
                return;
            }
            boolean last = n == left;
            // The recipient may have all the bytes, checked them and left before this thread goes on: its
            // leaving must not turn a delivered file into a failed one (Transfers.left).
            if (last) {
                transfer.lastWrite = true;
            }
            try {
                copier.write();
            } catch (IOException e) {
                ending.end(transfer, TransferState.FAILED, "the recipient's data connection was lost");
                return;
            }
            left -= n;
            long now = clock.getAsLong();
            transfer.moved += n;
            transfer.lastMoved = now;
            if (!last && bandwidth != null && !pace(bandwidth.reserve(n, now))) {
                return;
            }
        }
        double seconds = Math.max(1e-9, (clock.getAsLong() - started) / 1e9);
        log.info("Transfer {} done: {} bytes in {} s ({} MB/s)", transfer, transfer.size, String.format("%.1f", seconds),
                String.format("%.0f", transfer.size / seconds / 1e6));
        ending.end(transfer, TransferState.DONE, "relayed all " + transfer.size + " bytes of " + transfer.fileName);
    }

    /** Waits {@code nanos} for the rate; false if interrupted (the pipe then stops). */
    private static boolean pace(long nanos) {
        if (nanos <= 0) {
            return true;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
