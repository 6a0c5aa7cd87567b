package chat.client.transfer;

import chat.common.protocol.ClientCommand;
import chat.common.protocol.CommandParser;
import chat.common.protocol.CommandEncoder;
import chat.common.protocol.ErrorCode;
import chat.common.protocol.ServerEvent;
import chat.common.protocol.TransferState;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One person's file transfers (docs/USAGE.md, "Files"): turns {@code /send NAME PATH} into an offer, answers
 * offers, starts each accepted transfer's data connection on a thread of its own ({@link DataTransfer}), and
 * tells a face every change as a {@link TransferView}.
 *
 * <p>A received file is written to a part file ({@link SafeFileName#PART}) beside the name it will get in the
 * download directory, locked while written, and moved onto that name only when its SHA-256 matches the offer's;
 * otherwise it is deleted. Part files nobody holds (a client killed while receiving) are deleted when a session
 * starts with that directory.
 */
public final class FileTransfers {
    static final int BUFFER_BYTES = 256 * 1024;
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


    private final Path downloadDir;
    private final Link link;
    private final Observer observer;
    private final Map<Long, TransferEntry> entries = new ConcurrentHashMap<>();
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
        TransferEntry entry = entries.get(which);
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
        entries.put(offer.id(), new TransferEntry(view, path, offer.sha256(), mine && path != null));
        observer.changed(view);
    }

    private void changed(ServerEvent.Transfer transfer) {
        TransferEntry entry = entries.get(transfer.id());
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
        TransferEntry entry = entries.get(data.id());
        if (entry == null || !entry.consented) { // a hostile or confused server: no data connection, nothing written
            observer.notice("the server started transfer #" + data.id() + ", which you "
                    + (entry == null ? "do not know" : entry.view.sending() ? "did not offer" : "did not accept") + "; ignored");
            return;
        }
        Thread worker = new Thread(new DataTransfer(entry, data, downloadDir, link, observer), "chat-transfer-" + data.id());
        worker.setDaemon(true);
        worker.start();
    }

    /** The transfers of this session, newest last. */
    public List<TransferView> views() {
        List<TransferView> views = new ArrayList<>();
        for (TransferEntry entry : entries.values()) {
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
        for (TransferEntry entry : entries.values()) {
            DataChannel channel;
            synchronized (entry) {
                channel = entry.channel;
            }
            if (entry.finish(TransferView.Stage.ENDED, "the chat connection was lost", null, observer) && channel != null) {
                channel.close();
            }
        }
    }

    private static String expandHome(String path) {
        return path.equals("~") || path.startsWith("~/") ? System.getProperty("user.home") + path.substring(1) : path;
    }
}
