package chat.client.transfer;

import java.nio.file.Path;

/**
 * One transfer this person is an end of, as {@link FileTransfers} and its data thread share it: its view and
 * data channel are guarded by the entry itself, which is also what a thread waiting for the server's word
 * waits on.
 */
final class TransferEntry {
    TransferView view;
    final Path path; // the file sent, or null when receiving
    final String sha256;
    DataChannel channel;
    /** This client offered it, or the person accepted it: only then may its data flow (a server's word is not enough). */
    volatile boolean consented;

    TransferEntry(TransferView view, Path path, String sha256, boolean consented) {
        this.view = view;
        this.path = path;
        this.sha256 = sha256;
        this.consented = consented;
    }

    /** Moves to a final stage unless in one already, and tells {@code observer}; true if it moved. */
    boolean finish(TransferView.Stage stage, String detail, Path file, FileTransfers.Observer observer) {
        TransferView now;
        synchronized (this) {
            if (view.stage().isFinal()) {
                return false;
            }
            view = view.with(stage == TransferView.Stage.DONE ? view.size() : view.moved(), 0, stage, detail, file);
            now = view;
            notifyAll();
        }
        observer.changed(now);
        return true;
    }
}
