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
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One person's file transfers (docs/USAGE.md, "Files"): turns {@code /send NAME PATH} into an offer, answers
 * offers, runs each accepted transfer's data connection on a thread of its own ({@code chat-transfer-ID}),
 * and tells a face every change as a {@link TransferView}.
 *
 * <p>A received file is written to a {@code .part} file beside a name claimed in the download directory, and
 * moved onto that name only when its SHA-256 matches the offer's; otherwise both are deleted.
 */
public final class FileTransfers {
    private static final int BUFFER_BYTES = 256 * 1024;
    private static final long PROGRESS_NANOS = 250_000_000L;
    private static final int MAX_PENDING_OFFERS = 16;
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

    /** An offer sent and not yet numbered by the server. */
    private record Pending(String to, long size, String sha256, Path path) {}

    /** One transfer this person is an end of; its view and channel are guarded by itself. */
    private static final class Entry {
        TransferView view;
        final Path path; // the file sent, or null when receiving
        final String sha256;
        DataChannel channel;

        Entry(TransferView view, Path path, String sha256) {
            this.view = view;
            this.path = path;
            this.sha256 = sha256;
        }
    }

    private final Path downloadDir;
    private final Link link;
    private final Observer observer;
    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();
    private final Deque<Pending> pending = new ArrayDeque<>(); // guarded by itself
    /**
     * Files hashed and waiting to be offered to a person (name key) who has not answered this person's offer
     * before them yet: the server takes one waiting offer per sender and recipient. Guarded by {@code pending}.
     */
    private final Map<String, Deque<Pending>> queued = new HashMap<>();
    /** Recipients (name keys) with an offer of this person's sent and not yet answered nor refused; guarded by {@code pending}. */
    private final Set<String> awaitingAnswer = new HashSet<>();

    public FileTransfers(Path downloadDir, Link link, Observer observer) {
        this.downloadDir = downloadDir;
        this.link = link;
        this.observer = observer;
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
        Thread hashing = new Thread(() -> offer(to, file), "chat-transfer-hash");
        hashing.setDaemon(true);
        hashing.start();
    }

    private void offer(String to, Path file) {
        try {
            long size = Files.size(file);
            if (size > 100_000_000) {
                observer.notice("checking " + file.getFileName() + " (" + TransferText.size(size) + ") before offering it...");
            }
            MessageDigest digest = Sha256.digest();
            byte[] buffer = new byte[BUFFER_BYTES];
            long read = 0;
            try (InputStream in = Files.newInputStream(file)) {
                for (int n = in.read(buffer); n >= 0 && read < size; n = in.read(buffer)) {
                    int used = (int) Math.min(n, size - read);
                    digest.update(buffer, 0, used);
                    read += used;
                }
            }
            if (read != size) {
                observer.notice("cannot send " + file + ": it changed while being read");
                return;
            }
            String sha256 = Sha256.hex(digest);
            Pending offer = new Pending(to.toLowerCase(Locale.ROOT), size, sha256, file);
            boolean later;
            synchronized (pending) {
                later = awaitingAnswer.contains(offer.to());
                if (later) {
                    queued.computeIfAbsent(offer.to(), k -> new ArrayDeque<>()).addLast(offer);
                }
            }
            if (later) {
                observer.notice("offering " + file.getFileName() + " to " + to + " once they have answered your offer before it");
                return;
            }
            sendOffer(offer);
        } catch (IOException e) {
            observer.notice("cannot send " + file + ": " + reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sendOffer(Pending offer) throws IOException, InterruptedException {
        synchronized (pending) {
            if (pending.size() >= MAX_PENDING_OFFERS) {
                pending.removeFirst(); // refused long ago; the server said so
            }
            pending.addLast(offer);
            awaitingAnswer.add(offer.to());
        }
        String name = offer.path().getFileName().toString().replace('\n', ' ').replace('\r', ' ');
        link.send(CommandEncoder.encode(new ClientCommand.Offer(offer.to(), offer.size(), offer.sha256(), name)));
    }

    /** {@code to} answered (or the server refused) this person's offer: the next file queued for it goes now. */
    private void answered(String to) {
        Pending next;
        synchronized (pending) {
            awaitingAnswer.remove(to);
            Deque<Pending> waiting = queued.get(to);
            next = waiting == null ? null : waiting.pollFirst();
            if (waiting != null && waiting.isEmpty()) {
                queued.remove(to);
            }
        }
        if (next != null) { // on a thread of its own: sending is paced, and this may be the receiving thread
            Pending offer = next;
            Thread sending = new Thread(() -> {
                try {
                    sendOffer(offer);
                } catch (IOException e) {
                    observer.notice("cannot send " + offer.path() + ": " + reason(e));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "chat-transfer-offer");
            sending.setDaemon(true);
            sending.start();
        }
    }

    /** {@code to} declined this person's offer: the files queued for them are not offered, and the person is told. */
    private void declined(String to, String peer) {
        Deque<Pending> dropped;
        synchronized (pending) {
            awaitingAnswer.remove(to);
            dropped = queued.remove(to);
        }
        if (dropped != null && !dropped.isEmpty()) {
            observer.notice(peer + " declined your offer, so the " + (dropped.size() == 1 ? "file" : dropped.size() + " files")
                    + " waiting to be offered to them " + (dropped.size() == 1 ? "was" : "were") + " not offered");
        }
    }

    /** The errors the server answers an {@code /offer} with: the oldest offer not yet numbered was refused. */
    private static final Set<ErrorCode> OFFER_REFUSALS = EnumSet.of(
            ErrorCode.FILE_TOO_LARGE, ErrorCode.TOO_MANY_TRANSFERS,
            ErrorCode.OFFER_WAITING, ErrorCode.OFFER_DECLINED,
            ErrorCode.TRANSFERS_OFF);
    /** Errors that answer other commands too, and name the person first: an offer's refusal when it is its recipient. */
    private static final Set<ErrorCode> NAMED_REFUSALS = EnumSet.of(
            ErrorCode.OTHER_SERVER, ErrorCode.NO_SUCH_USER);

    /**
     * Takes the transfer lines ({@code OFFER}, {@code TRANSFER}, {@code DATA}) from the session's receiving
     * thread; true if {@code event} was one (a face never sees a {@code DATA} line's token). An {@code ERROR}
     * refusing an offer is noted (the files queued for that person go on) and left for the face to show.
     */
    public boolean onEvent(ServerEvent event) {
        if (event instanceof ServerEvent.Error error
                && (OFFER_REFUSALS.contains(error.code()) || NAMED_REFUSALS.contains(error.code()))) {
            Pending refused;
            synchronized (pending) { // the server answers offers in the order they were sent: the oldest it is
                Pending oldest = pending.peekFirst();
                boolean named = oldest != null && error.text().toLowerCase(Locale.ROOT).startsWith(oldest.to() + " ");
                refused = OFFER_REFUSALS.contains(error.code()) || named ? pending.pollFirst() : null;
            }
            if (refused != null) {
                answered(refused.to());
            }
            return false;
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
        Path path = null;
        if (mine) {
            synchronized (pending) {
                for (Pending p : pending) {
                    if (p.to().equalsIgnoreCase(offer.to()) && p.size() == offer.size() && p.sha256().equals(offer.sha256())) {
                        path = p.path();
                        pending.remove(p);
                        break;
                    }
                }
            }
        }
        boolean toMe = offer.to().equalsIgnoreCase(link.me());
        String name = toMe && !mine ? SafeFileName.of(offer.name()) : offer.name();
        TransferView view = new TransferView(offer.id(), mine, mine ? offer.to() : offer.from(), name, offer.size(), 0, 0,
                TransferView.Stage.OFFERED, "", path);
        entries.put(offer.id(), new Entry(view, path, offer.sha256()));
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
                declined(to, view.peer()); // the server would refuse the next for a minute, and they said no
            } else {
                answered(to);
            }
        }
    }

    private void start(ServerEvent.TransferData data) {
        Entry entry = entries.get(data.id());
        if (entry == null) {
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
        try (InputStream file = open(entry.path); DataChannel channel = connect(entry, data)) {
            Progress progress = new Progress(entry);
            byte[] buffer = new byte[BUFFER_BYTES];
            long left = size;
            while (left > 0) {
                int n = readFile(file, buffer, (int) Math.min(buffer.length, left));
                channel.out().write(buffer, 0, n);
                left -= n;
                progress.moved(n);
            }
            channel.out().flush();
            channel.in().read(); // the server closes once every byte is through; then TRANSFER done comes
        } catch (FileProblem e) {
            fail(entry, e.getMessage());
        } catch (IOException e) {
            awaitVerdict(entry, reason(e));
        }
    }

    /** A problem with the file on this side, as opposed to the connection: this side ends the transfer. */
    private static final class FileProblem extends IOException {
        FileProblem(String message) {
            super(message);
        }
    }

    private static InputStream open(Path file) throws FileProblem {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new FileProblem("cannot read " + file + ": " + reason(e));
        }
    }

    private static int readFile(InputStream file, byte[] buffer, int max) throws FileProblem {
        try {
            int n = file.read(buffer, 0, max);
            if (n < 0) {
                throw new FileProblem("the file got shorter since it was offered");
            }
            return n;
        } catch (FileProblem e) {
            throw e;
        } catch (IOException e) {
            throw new FileProblem("cannot read the file: " + reason(e));
        }
    }

    private void receiveData(Entry entry, ServerEvent.TransferData data) {
        TransferView view = entry.view;
        SafeFileName.Claimed claimed = null;
        try {
            claimed = claim(view.fileName());
            MessageDigest digest = Sha256.digest();
            long received = 0;
            try (DataChannel channel = connect(entry, data); FileChannel out = openPart(claimed.part())) {
                Progress progress = new Progress(entry);
                byte[] buffer = new byte[BUFFER_BYTES];
                while (received < view.size()) {
                    int n = channel.in().read(buffer, 0, (int) Math.min(buffer.length, view.size() - received));
                    if (n < 0) {
                        break;
                    }
                    digest.update(buffer, 0, n);
                    writeFile(out, ByteBuffer.wrap(buffer, 0, n));
                    received += n;
                    progress.moved(n);
                }
                force(out);
            }
            if (received < view.size()) {
                throw new IOException("the data ended after " + received + " of " + view.size() + " bytes");
            }
            if (!Sha256.hex(digest).equals(entry.sha256)) {
                discard(claimed);
                finish(entry, TransferView.Stage.ENDED, "its SHA-256 does not match the offer's; discarded", null);
                return;
            }
            try {
                Files.move(claimed.part(), claimed.target(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new FileProblem("cannot name the file " + claimed.target() + ": " + reason(e));
            }
            finish(entry, TransferView.Stage.DONE, "saved", claimed.target());
        } catch (FileProblem e) {
            discard(claimed);
            fail(entry, e.getMessage());
        } catch (IOException e) {
            discard(claimed);
            awaitVerdict(entry, reason(e));
        }
    }

    private SafeFileName.Claimed claim(String name) throws FileProblem {
        try {
            Files.createDirectories(downloadDir);
            return SafeFileName.claim(downloadDir, name);
        } catch (IOException e) {
            throw new FileProblem("cannot save to " + downloadDir + ": " + reason(e));
        }
    }

    private static FileChannel openPart(Path part) throws FileProblem {
        try {
            return FileChannel.open(part, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new FileProblem("cannot write " + part + ": " + reason(e));
        }
    }

    private static void writeFile(FileChannel out, ByteBuffer bytes) throws FileProblem {
        try {
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            throw new FileProblem("cannot write the file: " + reason(e)); // a full disk, say
        }
    }

    private static void force(FileChannel out) throws FileProblem {
        try {
            out.force(true);
        } catch (IOException e) {
            throw new FileProblem("cannot write the file: " + reason(e));
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

    private static void discard(SafeFileName.Claimed claimed) {
        if (claimed == null) {
            return;
        }
        try {
            Files.deleteIfExists(claimed.part());
            Files.deleteIfExists(claimed.target());
        } catch (IOException e) {
            // nothing more to do: the names are left empty
        }
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
        for (TransferView view : views) {
            observer.notice(TransferText.line(view));
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

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file: " + e.getMessage();
        } else if (e instanceof AccessDeniedException) {
            return "permission denied: " + e.getMessage();
        }
        String message = e.getMessage();
        return message == null || message.isEmpty() ? e.getClass().getSimpleName() : message;
    }
}
