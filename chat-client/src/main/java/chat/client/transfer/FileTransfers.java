package chat.client.transfer;

import chat.common.protocol.ClientCommand;
import chat.common.protocol.CommandParser;
import chat.common.protocol.CommandEncoder;
import chat.common.protocol.ErrorCode;
import chat.common.protocol.ServerEvent;
import chat.common.protocol.Sha256;
import chat.common.protocol.TransferState;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One person's file transfers (docs/USAGE.md, "Files"): turns {@code /send NAME PATH} into an offer, answers
 * offers, runs each accepted transfer's data connection on a thread of its own ({@code chat-transfer-ID}),
 * and tells a face every change as a {@link TransferView}.
 *
 * <p>A received file is written to a part file ({@link SafeFileName#PART}) beside the name it will get in the
 * download directory, locked while written, and moved onto that name only when its SHA-256 matches the offer's;
 * otherwise it is deleted. Part files nobody holds (a client killed while receiving) are deleted when a session
 * starts with that directory.
 */
public final class FileTransfers {
    static final int BUFFER_BYTES = 256 * 1024;
    private static final long PROGRESS_NANOS = 250_000_000L;
    /** How long a broken data connection waits for the server to say why. */
    private static final long VERDICT_NANOS = TimeUnit.SECONDS.toNanos(5);
    public static final String SEND_USAGE = "/send NAME PATH";
    public static final String CANCEL_USAGE = CommandParser.CANCEL_USAGE + " (/transfers lists them)";

    /** What the transfers need of the chat session. */
    public interface Link {
        /** Sends a chat line, paced like any other. */
        void send(String line) throws IOException, InterruptedException;

        /** The name logged in under. */
        String me();

        /** Where the chat connection goes: its address, the host as given, and its certificate (null in plain text). */
        InetAddress serverAddress();

        String serverHost();

        X509Certificate serverCertificate();
    }

    /** Hears every change; called on the thread that made it. */
    public interface Observer {
        void changed(TransferView view);

        /** A line for the person that is no transfer's state (a usage, a list). */
        void notice(String text);
    }


    /** One transfer this person is an end of; its view and channel are guarded by itself. */
    private static final class Entry {
        TransferView view;
        final Path path; // the file sent, or null when receiving
        final String sha256;
        DataChannel channel;
        /** This client offered it, or the person accepted it: only then may its data flow (a server's word is not enough). */
        volatile boolean consented;

        Entry(TransferView view, Path path, String sha256, boolean consented) {
            this.view = view;
            this.path = path;
            this.sha256 = sha256;
            this.consented = consented;
        }
    }

    private final Path downloadDir;
    private final Link link;
    private final Observer observer;
    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();
    private final OfferQueue offers;

    public FileTransfers(Path downloadDir, Link link, Observer observer) {
        this.downloadDir = downloadDir;
        this.link = link;
        this.observer = observer;
        this.offers = new OfferQueue(link, observer);
        LocalFiles.removeLeftovers(downloadDir);
    }

    public Path downloadDir() {
        return downloadDir;
    }

    /** The client's own file commands: a person types them, the server never sees them. */
    public static final List<String> OWN_COMMANDS = List.of("/send", "/transfers");

    /** {@code /send NAME PATH}: offers the file at {@code path}, as typed ({@code ~/} is the home), to {@code to}. */
    public void sendTyped(String to, String path) {
        if (to.equalsIgnoreCase(link.me())) {
            observer.notice("a file to yourself stays where it is: /send NAME PATH sends it to someone else");
            return;
        }
        Path file;
        try {
            file = Path.of(expandHome(path));
        } catch (InvalidPathException e) {
            observer.notice("cannot send " + path + ": not a path (" + e.getReason() + ")");
            return;
        }
        send(to, file);
    }

    /** {@code /accept} or {@code /decline} transfer {@code id}; 0: the latest offer to this person. */
    public void answer(boolean accept, long id) throws IOException, InterruptedException {
        long which = id > 0 ? id : latestOfferToMe();
        if (which <= 0) {
            observer.notice("no file is offered to you");
            return;
        }
        Entry entry = entries.get(which);
        if (accept && entry != null && !entry.view.sending()) {
            long room = LocalFiles.usableSpace(downloadDir);
            if (room >= 0 && room < entry.view.size()) {
                observer.notice("no room for " + entry.view.fileName() + " (" + TransferText.size(entry.view.size()) + ") in "
                        + downloadDir + ": " + TransferText.size(room) + " free; not accepted");
                return;
            }
            entry.consented = true; // before the server hears it: its DATA may come at once
        }
        link.send(CommandEncoder.encode(accept ? new ClientCommand.Accept(which) : new ClientCommand.Decline(which)));
    }

    /** {@code /cancel} transfer {@code id}; 0: the only one under way. */
    public void cancel(long id) throws IOException, InterruptedException {
        long which = id > 0 ? id : onlyActive();
        if (which <= 0) {
            usage(CANCEL_USAGE);
            return;
        }
        link.send(CommandEncoder.encode(new ClientCommand.Cancel(which)));
    }

    /** A file command typed wrongly: how to type it. */
    public void usage(String usage) {
        observer.notice("usage: " + usage);
    }

    /**
     * Offers {@code file} to {@code to}: hashes it on a thread of its own (a large file takes seconds), then
     * sends the offer. Problems with the file are told as a notice.
     */
    public void send(String to, Path file) {
        if (!Files.isRegularFile(file)) {
            observer.notice("cannot send " + file + ": " + (Files.exists(file) ? "not a regular file" : "no such file"));
            return;
        }
        if (!Files.isReadable(file)) {
            observer.notice("cannot send " + file + ": not readable");
            return;
        }
        Thread hashing = new Thread(() -> offers.offer(to, file), "chat-transfer-hash");
        hashing.setDaemon(true);
        hashing.start();
    }

    /**
     * Takes the transfer lines ({@code OFFER}, {@code TRANSFER}, {@code DATA}) from the session's receiving
     * thread; true if {@code event} was one (a face never sees a {@code DATA} line's token). An {@code ERROR}
     * refusing an offer is noted (the files queued for that person go on) and left for the face to show.
     */
    public boolean onEvent(ServerEvent event) {
        if (event instanceof ServerEvent.Error error) {
            OfferQueue.Pending refused = offers.refused(error);
            if (refused != null && error.code() == ErrorCode.OTHER_SERVER) { // said plainly, not as the command's limit
                observer.notice(TransferText.otherNode(refused.path().getFileName().toString(), refused.to()));
                return true;
            }
            return false; // the face shows it
        }
        if (event instanceof ServerEvent.Offer offer) {
            offered(offer);
        } else if (event instanceof ServerEvent.Transfer transfer) {
            changed(transfer);
        } else if (event instanceof ServerEvent.TransferData data) {
            start(data);
        } else {
            return false;
        }
        return true;
    }

    private void offered(ServerEvent.Offer offer) {
        boolean mine = offer.from().equalsIgnoreCase(link.me());
        Path path = mine ? offers.numbered(offer) : null;
        boolean toMe = offer.to().equalsIgnoreCase(link.me());
        if (!mine && !toMe) {
            observer.notice("the server sent an offer between others (#" + offer.id() + "); ignored");
            return;
        }
        String name = toMe && !mine ? SafeFileName.of(offer.name()) : offer.name();
        TransferView view = new TransferView(offer.id(), mine, mine ? offer.to() : offer.from(), name, offer.size(), 0, 0,
                TransferView.Stage.OFFERED, "", path);
        entries.put(offer.id(), new Entry(view, path, offer.sha256(), mine && path != null));
        observer.changed(view);
    }

    private void changed(ServerEvent.Transfer transfer) {
        Entry entry = entries.get(transfer.id());
        if (entry == null) {
            return;
        }
        TransferView view;
        DataChannel channel;
        boolean wasOffered;
        synchronized (entry) {
            if (entry.view.stage().isFinal()) {
                return;
            }
            wasOffered = entry.view.stage() == TransferView.Stage.OFFERED;
            TransferState state = transfer.state();
            if (state == TransferState.ACCEPTED) {
                entry.view = entry.view.with(0, 0, TransferView.Stage.RUNNING, transfer.text(), entry.view.file());
            } else if (state == TransferState.DONE && !entry.view.sending()) {
                return; // the receiving thread checks the hash and decides
            } else if (state == TransferState.DONE) {
                entry.view = entry.view.with(entry.view.size(), 0, TransferView.Stage.DONE, transfer.text(), entry.path);
            } else {
                entry.view = entry.view.with(entry.view.moved(), 0, TransferView.Stage.ENDED, transfer.text(), null);
            }
            view = entry.view;
            channel = view.stage().isFinal() ? entry.channel : null;
            entry.notifyAll(); // a thread waiting for the server's word has it
        }
        if (channel != null) {
            channel.close(); // frees its thread, which then cleans up
        }
        observer.changed(view);
        if (wasOffered && view.sending() && view.stage() != TransferView.Stage.OFFERED) {
            String to = view.peer().toLowerCase(Locale.ROOT);
            if (transfer.state() == TransferState.DECLINED) {
                offers.declined(to, view.peer()); // the server would refuse the next for a minute, and they said no
            } else {
                offers.answered(to);
            }
        }
    }

    private void start(ServerEvent.TransferData data) {
        Entry entry = entries.get(data.id());
        if (entry == null || !entry.consented) { // a hostile or confused server: no data connection, nothing written
            observer.notice("the server started transfer #" + data.id() + ", which you "
                    + (entry == null ? "do not know" : entry.view.sending() ? "did not offer" : "did not accept") + "; ignored");
            return;
        }
        Thread worker = new Thread(() -> run(entry, data), "chat-transfer-" + data.id());
        worker.setDaemon(true);
        worker.start();
    }

    private void run(Entry entry, ServerEvent.TransferData data) {
        TransferView view;
        synchronized (entry) {
            view = entry.view;
        }
        if (view.stage().isFinal()) {
            return;
        }
        if (view.sending()) {
            sendData(entry, data);
        } else {
            receiveData(entry, data);
        }
    }

    private DataChannel connect(Entry entry, ServerEvent.TransferData data) throws IOException {
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

    private void sendData(Entry entry, ServerEvent.TransferData data) {
        long size = entry.view.size();
        try (InputStream file = LocalFiles.open(entry.path); DataChannel channel = connect(entry, data)) {
            Progress progress = new Progress(entry);
            byte[] buffer = new byte[BUFFER_BYTES];
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
            fail(entry, e.getMessage());
        } catch (IOException e) {
            awaitVerdict(entry, LocalFiles.reason(e));
        }
    }

    private void receiveData(Entry entry, ServerEvent.TransferData data) {
        TransferView view = entry.view;
        SafeFileName.Claimed claimed = null;
        try {
            claimed = LocalFiles.claim(downloadDir, view.fileName());
            MessageDigest digest = Sha256.digest();
            long received = 0;
            try (DataChannel channel = connect(entry, data)) {
                FileChannel out = claimed.out();
                Progress progress = new Progress(entry);
                byte[] buffer = new byte[BUFFER_BYTES];
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
                finish(entry, TransferView.Stage.ENDED, "its SHA-256 does not match the offer's; discarded", null);
                return;
            }
            Path saved = LocalFiles.settle(claimed);
            claimed = null; // named: nothing to discard
            finish(entry, TransferView.Stage.DONE, "saved", saved);
        } catch (LocalFiles.FileProblem e) {
            LocalFiles.discard(claimed);
            fail(entry, e.getMessage());
        } catch (IOException e) {
            LocalFiles.discard(claimed);
            awaitVerdict(entry, LocalFiles.reason(e));
        }
    }

    /**
     * The data connection broke: most often because the server ended the transfer, whose word (cancelled by
     * whom, who left) comes over the chat a moment later and is the one to show. Waits a few seconds for it;
     * only then is this side's own reason given.
     */
    private void awaitVerdict(Entry entry, String why) {
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
        fail(entry, why);
    }


    /** A failure on this side: ends the transfer here and tells the server, unless it has ended already. */
    private void fail(Entry entry, String why) {
        if (finish(entry, TransferView.Stage.ENDED, why, null)) {
            try {
                link.send(CommandEncoder.encode(new ClientCommand.Cancel(entry.view.id())));
            } catch (IOException e) {
                // the chat is gone too: the server ends the transfer itself
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Moves {@code entry} to a final stage unless it is in one; true if it moved. */
    private boolean finish(Entry entry, TransferView.Stage stage, String detail, Path file) {
        TransferView view;
        synchronized (entry) {
            if (entry.view.stage().isFinal()) {
                return false;
            }
            entry.view = entry.view.with(stage == TransferView.Stage.DONE ? entry.view.size() : entry.view.moved(), 0, stage,
                    detail, file);
            view = entry.view;
            entry.notifyAll();
        }
        observer.changed(view);
        return true;
    }

    /** Counts bytes moved and tells the observer a few times a second. */
    private final class Progress {
        private final Entry entry;
        private long moved;
        private long lastTold = System.nanoTime();
        private long movedAtLastTold;

        Progress(Entry entry) {
            this.entry = entry;
        }

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

    /** The transfers of this session, newest last. */
    public List<TransferView> views() {
        List<TransferView> views = new ArrayList<>();
        for (Entry entry : entries.values()) {
            synchronized (entry) {
                views.add(entry.view);
            }
        }
        views.sort(Comparator.comparingLong(TransferView::id));
        return views;
    }

    /** {@code /transfers}: the transfers under way, as notices. */
    public void list() {
        List<TransferView> views = views();
        if (views.isEmpty()) {
            observer.notice("no file transfers yet; /send NAME PATH offers one");
            return;
        }
        observer.notice("File transfers (" + views.size() + "), oldest first:");
        for (TransferView view : views) {
            observer.notice("  " + TransferText.line(view));
        }
    }

    private long latestOfferToMe() {
        return views().stream().filter(v -> !v.sending() && v.stage() == TransferView.Stage.OFFERED)
                .mapToLong(TransferView::id).max().orElse(0);
    }

    private long onlyActive() {
        List<TransferView> active = views().stream().filter(v -> !v.stage().isFinal()).toList();
        return active.size() == 1 ? active.get(0).id() : 0;
    }

    /** The chat connection is gone: the server ends every transfer, so the data connections are closed here too. */
    public void connectionLost() {
        for (Entry entry : entries.values()) {
            DataChannel channel;
            synchronized (entry) {
                channel = entry.channel;
            }
            if (finish(entry, TransferView.Stage.ENDED, "the chat connection was lost", null) && channel != null) {
                channel.close();
            }
        }
    }

    private static String expandHome(String path) {
        return path.equals("~") || path.startsWith("~/") ? System.getProperty("user.home") + path.substring(1) : path;
    }
}
