package chat.client.transfer;

import chat.common.protocol.ClientCommand;
import chat.common.protocol.CommandEncoder;
import chat.common.protocol.ServerEvent;
import chat.common.protocol.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;

/**
 * One accepted transfer's data connection, run on a thread of its own ({@code chat-transfer-ID}): sends the
 * offered file, or receives one into a locked part file and names it only when its SHA-256 matches the
 * offer's. Progress and the end go to the observer through the shared {@link TransferEntry}.
 */
final class DataTransfer implements Runnable {
    private static final long PROGRESS_NANOS = 250_000_000L;
    /** How long a broken data connection waits for the server to say why. */
    private static final long VERDICT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final TransferEntry entry;
    private final ServerEvent.TransferData data;
    private final Path downloadDir;
    private final FileTransfers.Link link;
    private final FileTransfers.Observer observer;

    DataTransfer(TransferEntry entry, ServerEvent.TransferData data, Path downloadDir, FileTransfers.Link link,
            FileTransfers.Observer observer) {
        this.entry = entry;
        this.data = data;
        this.downloadDir = downloadDir;
        this.link = link;
        this.observer = observer;
    }

    @Override
    public void run() {
        TransferView view;
        synchronized (entry) {
            view = entry.view;
        }
        if (view.stage().isFinal()) {
            return;
        }
        if (view.sending()) {
            sendData();
        } else {
            receiveData();
        }
    }

    private DataChannel connect() throws IOException {
        DataChannel channel = DataChannel.open(link.serverAddress(), link.serverHost(), data.port(), link.serverCertificate(),
                data.token());
        synchronized (entry) {
            if (entry.view.stage().isFinal()) {
                channel.close();
                throw new IOException(entry.view.detail());
            }
            entry.channel = channel;
        }
        return channel;
    }

    private void sendData() {
        long size = entry.view.size();
        try (InputStream file = LocalFiles.open(entry.path); DataChannel channel = connect()) {
            Progress progress = new Progress();
            byte[] buffer = new byte[FileTransfers.BUFFER_BYTES];
            long left = size;
            while (left > 0) {
                int n = LocalFiles.readFile(file, buffer, (int) Math.min(buffer.length, left));
                channel.out().write(buffer, 0, n);
                left -= n;
                progress.moved(n);
            }
            channel.out().flush();
            channel.in().read(); // the server closes once every byte is through; then TRANSFER done comes
        } catch (LocalFiles.FileProblem e) {
            fail(e.getMessage());
        } catch (IOException e) {
            awaitVerdict(LocalFiles.reason(e));
        }
    }

    private void receiveData() {
        TransferView view = entry.view;
        SafeFileName.Claimed claimed = null;
        try {
            claimed = LocalFiles.claim(downloadDir, view.fileName());
            MessageDigest digest = Sha256.digest();
            long received = 0;
            try (DataChannel channel = connect()) {
                FileChannel out = claimed.out();
                Progress progress = new Progress();
                byte[] buffer = new byte[FileTransfers.BUFFER_BYTES];
                while (received < view.size()) {
                    int n = channel.in().read(buffer, 0, (int) Math.min(buffer.length, view.size() - received));
                    if (n < 0) {
                        break;
                    }
                    digest.update(buffer, 0, n);
                    LocalFiles.writeFile(out, ByteBuffer.wrap(buffer, 0, n));
                    received += n;
                    progress.moved(n);
                }
                LocalFiles.force(out);
            }
            if (received < view.size()) {
                throw new IOException("the data ended after " + received + " of " + view.size() + " bytes");
            }
            if (!Sha256.hex(digest).equals(entry.sha256)) {
                LocalFiles.discard(claimed);
                entry.finish(TransferView.Stage.ENDED, "its SHA-256 does not match the offer's; discarded", null, observer);
                return;
            }
            Path saved = LocalFiles.settle(claimed);
            claimed = null; // named: nothing to discard
            entry.finish(TransferView.Stage.DONE, "saved", saved, observer);
        } catch (LocalFiles.FileProblem e) {
            LocalFiles.discard(claimed);
            fail(e.getMessage());
        } catch (IOException e) {
            LocalFiles.discard(claimed);
            awaitVerdict(LocalFiles.reason(e));
        }
    }

    /**
     * The data connection broke: most often because the server ended the transfer, whose word (cancelled by
     * whom, who left) comes over the chat a moment later and is the one to show. Waits a few seconds for it;
     * only then is this side's own reason given.
     */
    private void awaitVerdict(String why) {
        long deadline = System.nanoTime() + VERDICT_NANOS;
        synchronized (entry) {
            try {
                for (long left = VERDICT_NANOS; !entry.view.stage().isFinal() && left > 0; left = deadline - System.nanoTime()) {
                    TimeUnit.NANOSECONDS.timedWait(entry, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        fail(why);
    }

    /** A failure on this side: ends the transfer here and tells the server, unless it has ended already. */
    private void fail(String why) {
        if (entry.finish(TransferView.Stage.ENDED, why, null, observer)) {
            try {
                link.send(CommandEncoder.encode(new ClientCommand.Cancel(entry.view.id())));
            } catch (IOException e) {
                // the chat is gone too: the server ends the transfer itself
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Counts bytes moved and tells the observer a few times a second. */
    private final class Progress {
        private long moved;
        private long lastTold = System.nanoTime();
        private long movedAtLastTold;

        void moved(int n) {
            moved += n;
            long now = System.nanoTime();
            if (now - lastTold < PROGRESS_NANOS) {
                return;
            }
            double rate = (moved - movedAtLastTold) * 1e9 / (now - lastTold);
            lastTold = now;
            movedAtLastTold = moved;
            TransferView view;
            synchronized (entry) {
                if (entry.view.stage() != TransferView.Stage.RUNNING) {
                    return;
                }
                entry.view = entry.view.with(moved, rate, TransferView.Stage.RUNNING, entry.view.detail(), entry.view.file());
                view = entry.view;
            }
            observer.changed(view);
        }
    }
}
