package chat.client.transfer;

import java.nio.file.Path;

/**
 * What a face shows of one file transfer at one moment; a new one comes with every change.
 *
 * @param sending whether this person sends the file (else receives it)
 * @param peer the other end's name
 * @param fileName the name offered (made safe when receiving)
 * @param moved bytes sent or received so far
 * @param bytesPerSecond the recent rate while running, else 0
 * @param detail why it ended, or what happens next, for a person
 * @param file the file sent, or where the received one was saved (only once {@code DONE}); may be null
 */
public record TransferView(long id, boolean sending, String peer, String fileName, long size, long moved,
        double bytesPerSecond, Stage stage, String detail, Path file) {

    /** Where a transfer is. */
    public enum Stage {
        /** Offered; waiting for the recipient's answer. */
        OFFERED,
        /** Accepted; bytes are moving (or about to). */
        RUNNING,
        /** Arrived whole (the receiver checked its hash). */
        DONE,
        /** Declined, cancelled, expired, or broken: {@link #detail()} says which. */
        ENDED;

        public boolean isFinal() {
            return this == DONE || this == ENDED;
        }
    }

    /** Percent moved, 0-100. */
    public int percent() {
        return size == 0 ? (stage == Stage.DONE ? 100 : 0) : (int) (moved * 100 / size);
    }

    /** Seconds left at the current rate, or -1 if unknown. */
    public long secondsLeft() {
        return bytesPerSecond <= 0 ? -1 : (long) Math.ceil((size - moved) / bytesPerSecond);
    }

    TransferView with(long moved, double bytesPerSecond, Stage stage, String detail, Path file) {
        return new TransferView(id, sending, peer, fileName, size, moved, bytesPerSecond, stage, detail, file);
    }
}
