package chat.client.transfer;

import chat.common.protocol.ClientCommand;
import chat.common.protocol.CommandEncoder;
import chat.common.protocol.ErrorCode;
import chat.common.protocol.ServerEvent;
import chat.common.protocol.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The files this person offers, from hashing to the server's number: the offers sent and not numbered yet
 * (the server answers them in order), and per recipient the files waiting until that person has answered
 * the offer before them (the server takes one waiting offer per sender and recipient). All guarded by
 * {@code pending}.
 */
final class OfferQueue {
    private static final int MAX_PENDING_OFFERS = 16;

    /** An offer sent and not yet numbered by the server. */
    record Pending(String to, long size, String sha256, Path path) {}

    private final FileTransfers.Link link;
    private final FileTransfers.Observer observer;
    private final Deque<Pending> pending = new ArrayDeque<>(); // guarded by itself
    /** Files hashed and waiting to be offered to a person (name key) who has not answered the offer before them. */
    private final Map<String, Deque<Pending>> queued = new HashMap<>();
    /** Recipients (name keys) with an offer of this person's sent and not yet answered nor refused. */
    private final Set<String> awaitingAnswer = new HashSet<>();

    OfferQueue(FileTransfers.Link link, FileTransfers.Observer observer) {
        this.link = link;
        this.observer = observer;
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
     * Hashes {@code file} (on the caller's thread: a large file takes seconds) and offers it to {@code to}, or
     * queues it while {@code to} has not answered this person's offer before it. Problems are told as notices.
     */
    void offer(String to, Path file) {
        try {
            long size = Files.size(file);
            if (size > 100_000_000) {
                observer.notice("checking " + file.getFileName() + " (" + TransferText.size(size) + ") before offering it...");
            }
            MessageDigest digest = Sha256.digest();
            byte[] buffer = new byte[FileTransfers.BUFFER_BYTES];
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
                // marked here, in the same step as the look: two files hashed at once for one person must not
                // both go (the server would refuse the second with OFFER_WAITING)
                later = !awaitingAnswer.add(offer.to());
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
            observer.notice("cannot send " + file + ": " + LocalFiles.reason(e));
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
    void answered(String to) {
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
                    observer.notice("cannot send " + offer.path() + ": " + LocalFiles.reason(e));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "chat-transfer-offer");
            sending.setDaemon(true);
            sending.start();
        }
    }

    /** {@code to} declined this person's offer: the files queued for them are not offered, and the person is told. */
    void declined(String to, String peer) {
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

    /** The server numbered one of this person's offers: the file it offers, no longer pending; null if not found. */
    Path numbered(ServerEvent.Offer offer) {
        synchronized (pending) {
            for (Pending p : pending) {
                if (p.to().equalsIgnoreCase(offer.to()) && p.size() == offer.size() && p.sha256().equals(offer.sha256())) {
                    pending.remove(p);
                    return p.path();
                }
            }
        }
        return null;
    }

    /**
     * An {@code ERROR} the server answered: if it refuses an offer, the oldest pending one it is, and the next
     * file for that person goes. Returns the offer refused, or null.
     */
    Pending refused(ServerEvent.Error error) {
        if (!OFFER_REFUSALS.contains(error.code()) && !NAMED_REFUSALS.contains(error.code())) {
            return null;
        }
        Pending refused;
        synchronized (pending) { // the server answers offers in the order they were sent: the oldest it is
            Pending oldest = pending.peekFirst();
            boolean named = oldest != null && error.text().toLowerCase(Locale.ROOT).startsWith(oldest.to() + " ");
            refused = OFFER_REFUSALS.contains(error.code()) || named ? pending.pollFirst() : null;
        }
        if (refused != null) {
            answered(refused.to());
        }
        return refused;
    }
}
