package chat.server.transfer;

import chat.common.protocol.ErrorCode;
import chat.common.protocol.ServerEvent;
import chat.common.protocol.TransferState;
import chat.server.config.ThreadMaker;
import chat.server.config.TransferConfig;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every file transfer of a server, from offer to end (docs/PROTOCOL.md, "File transfer"), and the pipes that
 * relay them.
 *
 * <p>All state changes happen under this object's lock, which is held only to change state and to queue
 * events for the two ends (outboxes never block); sockets are closed and bytes copied outside it. A
 * transfer ends exactly once, in {@link #end}, which closes its data connections: that is what frees a pipe
 * blocked on one of them.
 */
public final class Transfers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Transfers.class);
    /** What the server holds of one running transfer: a fixed buffer, whatever the file's size. */
    static final int BUFFER_BYTES = 64 * 1024;
    private static final int TOKEN_BYTES = 32;
    private static final int MAX_FILE_NAME_CHARS = 255;
    /** After a decline, the sender waits this long before it may offer that recipient anything again. */
    static final long DECLINED_WAIT_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final int MAX_DECLINES_KEPT = 10_000;

    /** What a data connection's token gave: the transfer and which end, or the error to answer with. */
    record Claim(Transfer transfer, boolean sender, ServerEvent.Error error) {}

    private final TransferConfig config;
    private final ThreadMaker threads;
    private final LongSupplier clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<Long, Transfer> byId = new HashMap<>(); // guarded by this
    private final Map<String, Transfer> byToken = new HashMap<>(); // guarded by this
    private final Map<Party, Bandwidth> bandwidths = new IdentityHashMap<>(); // guarded by this
    /** "sender recipient" (names, lower case) to when the recipient last declined; guarded by this, bounded. */
    private final Map<String, Long> declined = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_DECLINES_KEPT;
        }
    };
    private long nextId = 1; // guarded by this
    private int port; // the transfer port as bound; guarded by this
    private boolean closed; // guarded by this

    public Transfers(TransferConfig config, ThreadMaker threads, LongSupplier clock) {
        this.config = config;
        this.threads = threads;
        this.clock = clock;
    }

    /** The port the data connections come to, once bound. */
    public synchronized void port(int port) {
        this.port = port;
    }

    /** {@code /offer}: returns the error for {@code from}, or null when both ends were sent the {@code OFFER}. */
    public synchronized ServerEvent.Error offer(Party from, Party to, long size, String sha256, String fileName) {
        if (!config.enabled() || closed) {
            return ErrorCode.TRANSFERS_OFF.event();
        }
        if (to.gone) { // leaving: found in the roster a moment before it left
            return ErrorCode.NO_SUCH_USER.event(to.name());
        }
        String name = safeName(fileName);
        if (size > config.maxFileSize()) {
            return ErrorCode.FILE_TOO_LARGE.event(name, size, config.maxFileSize());
        }
        for (Transfer waiting : byId.values()) {
            if (waiting.from == from && waiting.to == to && waiting.stage == Transfer.Stage.OFFERED) {
                return ErrorCode.OFFER_WAITING.event(to.name(), waiting.id);
            }
        }
        long declinedWait = declinedWaitNanos(from, to);
        if (declinedWait > 0) {
            return ErrorCode.OFFER_DECLINED.event(to.name(), Math.max(1, TimeUnit.NANOSECONDS.toSeconds(declinedWait)));
        }
        if (sending(from) >= config.perUser()) {
            return ErrorCode.TOO_MANY_TRANSFERS.event("you have", config.perUser());
        }
        if (count(to) >= config.perUser()) {
            return ErrorCode.TOO_MANY_TRANSFERS.event(to.name() + " has", config.perUser());
        }
        Transfer transfer = new Transfer(nextId++, from, to, size, sha256, name, clock.getAsLong());
        byId.put(transfer.id, transfer);
        ServerEvent offer = new ServerEvent.Offer(transfer.id, from.name(), to.name(), size, sha256, name);
        tellBoth(transfer, offer);
        log.info("Transfer {} offered: {} bytes", transfer, size);
        log.debug("Transfer {} file name: {}", transfer, name);
        return null;
    }

    /** {@code /accept}: gives each end its token; returns the error for {@code who}, or null. */
    public synchronized ServerEvent.Error accept(Party who, long id) {
        Transfer transfer = byId.get(id);
        if (transfer == null || transfer.to != who || transfer.stage != Transfer.Stage.OFFERED) {
            return ErrorCode.NO_SUCH_TRANSFER.event(id, "accept");
        }
        transfer.stage = Transfer.Stage.ACCEPTED;
        transfer.acceptedAt = clock.getAsLong();
        transfer.fromToken = newToken(transfer);
        transfer.toToken = newToken(transfer);
        tellBoth(transfer, new ServerEvent.Transfer(id, TransferState.ACCEPTED, who.name() + " accepted " + transfer.fileName));
        transfer.from.tell(new ServerEvent.TransferData(id, port, transfer.fromToken));
        transfer.to.tell(new ServerEvent.TransferData(id, port, transfer.toToken));
        log.info("Transfer {} accepted", transfer);
        return null;
    }

    /** {@code /decline}: returns the error for {@code who}, or null. */
    public ServerEvent.Error decline(Party who, long id) {
        Transfer transfer;
        synchronized (this) {
            transfer = byId.get(id);
            if (transfer == null || transfer.to != who || transfer.stage != Transfer.Stage.OFFERED) {
                return ErrorCode.NO_SUCH_TRANSFER.event(id, "decline");
            }
            // before the sender is told: an offer it makes on hearing of the decline must find it
            declined.remove(pair(transfer.from, transfer.to)); // re-inserted: the newest last, for the eviction order
            declined.put(pair(transfer.from, transfer.to), clock.getAsLong());
        }
        end(transfer, TransferState.DECLINED, who.name() + " declined " + transfer.fileName);
        return null;
    }

    /** How long {@code from} must still wait to offer {@code to} anything after {@code to} declined; 0: it may. */
    private long declinedWaitNanos(Party from, Party to) { // under the lock
        Long at = declined.get(pair(from, to));
        long left = at == null ? 0 : at + DECLINED_WAIT_NANOS - clock.getAsLong();
        if (at != null && left <= 0) {
            declined.remove(pair(from, to));
        }
        return Math.max(0, left);
    }

    /** Who declined whom, by name (a reconnect does not start the wait again), in any case. */
    private static String pair(Party from, Party to) {
        return from.name().toLowerCase(Locale.ROOT) + ' ' + to.name().toLowerCase(Locale.ROOT);
    }

    /** {@code /cancel}, by either end at any time before the end: returns the error for {@code who}, or null. */
    public ServerEvent.Error cancel(Party who, long id) {
        Transfer transfer;
        synchronized (this) {
            transfer = byId.get(id);
            if (transfer == null || !transfer.involves(who)) {
                return ErrorCode.NO_SUCH_TRANSFER.event(id, "cancel");
            }
        }
        end(transfer, TransferState.CANCELLED, "cancelled by " + who.name());
        return null;
    }

    /** {@code who} left the chat: every transfer it is in fails, and no new one may name it. */
    public void left(Party who) {
        synchronized (this) {
            who.gone = true;
        }
        for (Transfer transfer : involving(who)) {
            if (!transfer.lastWrite) { // else its pipe is writing the last bytes and ends it, delivered or not
                end(transfer, TransferState.FAILED, who.name() + " left");
            }
        }
    }

    /** Called often by the server's watchdog: ends what waited or stalled too long. */
    public void check(long now) {
        List<Transfer> expired = new ArrayList<>();
        List<Transfer> stalled = new ArrayList<>();
        synchronized (this) {
            long idle = config.idleTimeout().toNanos();
            for (Transfer t : byId.values()) {
                if (t.stage == Transfer.Stage.OFFERED && now - t.offeredAt > config.acceptTimeout().toNanos()
                        || t.stage == Transfer.Stage.ACCEPTED && !t.linked() && now - t.acceptedAt > idle) {
                    expired.add(t);
                } else if (t.stage == Transfer.Stage.ACCEPTED && t.linked() && now - t.lastMoved > idle) {
                    stalled.add(t);
                }
            }
        }
        for (Transfer t : expired) {
            end(t, TransferState.EXPIRED, t.stage == Transfer.Stage.OFFERED
                    ? t.to.name() + " did not answer within " + seconds(config.acceptTimeout().toNanos())
                    : "the data connections did not come within " + seconds(config.idleTimeout().toNanos()));
        }
        for (Transfer t : stalled) {
            end(t, TransferState.FAILED, "stalled: no data for " + seconds(config.idleTimeout().toNanos()));
        }
    }

    /**
     * A data connection sent {@code token} from {@code address}: which transfer and end it is for. A token is
     * used up only when it is taken; one from another address than its member's, or in plain text for a
     * member on TLS, is refused and left for its owner.
     */
    synchronized Claim claim(String token, InetAddress address, boolean tls) {
        Transfer transfer = byToken.get(token);
        if (transfer == null || transfer.stage != Transfer.Stage.ACCEPTED) {
            return new Claim(null, false, ErrorCode.BAD_TOKEN.event());
        }
        boolean sender = token.equals(transfer.fromToken);
        Party party = sender ? transfer.from : transfer.to;
        if (!party.address().equals(address)) {
            log.info("Transfer {}: a token of {} came from {}, not its address; refused", transfer, party, address.getHostAddress());
            return new Claim(null, false, ErrorCode.BAD_TOKEN.event());
        }
        if (party.encrypted() && !tls) {
            return new Claim(null, false, ErrorCode.TLS_REQUIRED.event());
        }
        byToken.remove(token);
        return new Claim(transfer, sender, null);
    }

    /** The claimed end's data connection is ready: the pipe starts once both are. */
    void linked(Claim claim, DataLink link) {
        Transfer transfer = claim.transfer();
        Thread pipe = null;
        synchronized (this) {
            if (transfer.stage != Transfer.Stage.ACCEPTED) {
                link.close(); // ended meanwhile
                return;
            }
            if (claim.sender()) {
                transfer.fromLink = link;
            } else {
                transfer.toLink = link;
            }
            if (transfer.linked()) {
                transfer.lastMoved = clock.getAsLong();
                Bandwidth bandwidth = config.bytesPerSecond() == 0 ? null
                        : bandwidths.computeIfAbsent(transfer.from, p -> new Bandwidth(config.bytesPerSecond()));
                pipe = threads.make("transfer-" + transfer.id + "-pipe", new Pipe(transfer, bandwidth, clock, this::end));
            }
        }
        if (pipe != null) {
            try {
                pipe.start();
            } catch (RuntimeException | Error e) {
                end(transfer, TransferState.FAILED, "the server cannot relay it right now");
            }
        }
    }

    /** Server shutdown: every transfer fails, and no new one is offered. */
    @Override
    public void close() {
        List<Transfer> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(byId.values());
        }
        for (Transfer transfer : all) {
            end(transfer, TransferState.FAILED, "server shutting down");
        }
    }

    /** Transfers not ended, for the status and tests. */
    public synchronized int active() {
        return byId.size();
    }

    /** Ends {@code transfer} once: both ends are told, its tokens forgotten, its data connections closed. */
    void end(Transfer transfer, TransferState state, String text) {
        DataLink fromLink;
        DataLink toLink;
        synchronized (this) {
            if (transfer.stage == Transfer.Stage.ENDED) {
                return;
            }
            transfer.stage = Transfer.Stage.ENDED;
            byId.remove(transfer.id);
            byToken.remove(transfer.fromToken);
            byToken.remove(transfer.toToken);
            if (transfer.from != null && involving(transfer.from).isEmpty()) {
                bandwidths.remove(transfer.from);
            }
            fromLink = transfer.fromLink;
            toLink = transfer.toLink;
            tellBoth(transfer, new ServerEvent.Transfer(transfer.id, state, text));
        }
        if (toLink != null) {
            toLink.close(); // first: after the last byte, the recipient reads the end of the data
        }
        if (fromLink != null) {
            fromLink.close();
        }
        if (state != TransferState.DONE) {
            log.info("Transfer {} {}: {}", transfer, state.word(), text.replace(transfer.fileName, "(file)"));
        }
    }

    private synchronized List<Transfer> involving(Party party) {
        List<Transfer> found = new ArrayList<>();
        for (Transfer transfer : byId.values()) {
            if (transfer.involves(party)) {
                found.add(transfer);
            }
        }
        return found;
    }

    private int count(Party party) {
        return involving(party).size();
    }

    /**
     * The transfers that take up {@code party}'s own sending: all but the offers made to it that it has not
     * answered, which others could otherwise pile up to stop it sending anything.
     */
    private int sending(Party party) {
        int count = 0;
        for (Transfer transfer : involving(party)) {
            if (!(transfer.to == party && transfer.stage == Transfer.Stage.OFFERED)) {
                count++;
            }
        }
        return count;
    }

    private static void tellBoth(Transfer transfer, ServerEvent event) {
        transfer.from.tell(event);
        if (transfer.to != transfer.from) {
            transfer.to.tell(event);
        }
    }

    private String newToken(Transfer transfer) {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        byToken.put(token, transfer);
        return token;
    }

    /** What the server passes on of an offered name: no path, no surrounding blanks, at most 255 characters. */
    static String safeName(String offered) {
        String name = offered.substring(Math.max(offered.lastIndexOf('/'), offered.lastIndexOf('\\')) + 1).strip();
        if (name.codePointCount(0, name.length()) > MAX_FILE_NAME_CHARS) {
            name = name.substring(0, name.offsetByCodePoints(0, MAX_FILE_NAME_CHARS));
        }
        return name.isEmpty() || name.equals(".") || name.equals("..") ? "file" : name;
    }

    private static String seconds(long nanos) {
        long s = TimeUnit.NANOSECONDS.toSeconds(nanos);
        return s % 60 == 0 && s >= 120 ? s / 60 + " minutes" : s + " s";
    }
}
