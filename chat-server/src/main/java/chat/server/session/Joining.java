package chat.server.session;

import chat.common.protocol.EventCodec;
import chat.common.protocol.ProtocolException;
import chat.common.protocol.RoomName;
import chat.common.protocol.ServerEvent;
import chat.common.protocol.Username;
import chat.server.admission.AddressKey;
import chat.server.admission.RateLimiter;
import chat.server.config.ServerConfig;
import chat.server.config.ServerText;
import chat.server.roster.Outbox;
import chat.server.roster.Roster;
import chat.server.roster.Standing;
import chat.server.store.Store;
import chat.server.store.StoreException;
import chat.server.store.StoredLine;
import chat.server.transfer.Party;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection's name becoming a member: what the roster is told about it (its outbox, its standing, how
 * a moderator removes it, how file transfer reaches it) and the lines its join sends.
 */
final class Joining {
    private static final Logger log = LoggerFactory.getLogger(Joining.class);
    private static final String HIDDEN_ADDRESS = "-";

    private final SessionContext context;
    private final Outbox outbox;
    private final InetAddress from;
    private final AddressKey addressKey;
    private final boolean encrypted;
    private final Consumer<ServerEvent> send;
    private final Roster.Removal removal;

    /**
     * @param encrypted whether the connection is TLS (a transfer's data connection must be too)
     * @param send answers the connection
     * @param removal ends the session on a moderator's word
     */
    Joining(SessionContext context, Outbox outbox, InetAddress from, AddressKey addressKey, boolean encrypted,
            Consumer<ServerEvent> send, Roster.Removal removal) {
        this.context = context;
        this.outbox = outbox;
        this.from = from;
        this.addressKey = addressKey;
        this.encrypted = encrypted;
        this.send = send;
        this.removal = removal;
    }

    /**
     * Joins under {@code name}; {@code identified}: its password was given, so it may be an operator.
     *
     * @return the member, or null if the name is taken
     * @throws Roster.LinkDown if the name cannot be claimed now
     */
    Roster.Member join(Username name, boolean identified) {
        Standing standing = new Standing();
        if (identified) {
            standing.identified(context.config().operators().contains(name.key()));
        }
        Roster.Member member = new Roster.Member(name, outbox, privateInbox(context.config()), from, Instant.now(), standing,
                removal, new Party(name.value(), from, encrypted, send));
        String address = from.getHostAddress();
        if (!context.roster().tryJoin(member,
                new ServerEvent.Welcome(name.value(), ServerText.welcome(name.value())),
                new ServerEvent.Join(name.value(), context.showAddresses() ? address : HIDDEN_ADDRESS),
                new ServerEvent.Join(name.value(), address))) {
            return null;
        }
        ServerEvent.Topic topic = context.roster().rooms().defaultTopic();
        if (topic != null) {
            member.outbox().offer(EventCodec.encodeLine(topic)); // after its JOIN, as a room's topic after a /join
        }
        if (identified && context.store() != null) {
            tellMissed(member);
            giveWaiting(member);
        }
        context.admission().loggedIn(addressKey);
        log.info("{} logged in from {}{} ({} online)", name, address,
                standing.operator() ? " as an operator" : identified ? " with its password" : "", context.roster().size());
        return member;
    }

    /** How many lines of {@code #general} the member missed since it was last here, if it was (docs/PROTOCOL.md). */
    private void tellMissed(Roster.Member member) {
        try {
            Store.Absence absence = context.store().welcomeBack(member.name().key(), RoomName.DEFAULT.key(), System.currentTimeMillis());
            if (absence != null && absence.count() > 0) {
                member.outbox().offer(EventCodec.encodeLine(new ServerEvent.Missed(absence.count(), Instant.ofEpochMilli(absence.since()))));
            }
        } catch (StoreException e) {
            log.warn("What {} missed could not be counted: {}", member.name(), e.getMessage());
        }
    }

    /** The private lines that waited for the member while it was away, oldest first; gone from the store then. */
    private void giveWaiting(Roster.Member member) {
        List<StoredLine> waited;
        try {
            waited = context.store().takeWaiting(member.name().key());
        } catch (StoreException e) {
            log.warn("The lines waiting for {} could not be read; they wait on: {}", member.name(), e.getMessage());
            return;
        }
        for (StoredLine line : waited) {
            try {
                if (EventCodec.decodeLine(line.line()) instanceof ServerEvent.Private privateLine) {
                    member.outbox().offer(EventCodec.encodeLine(
                            new ServerEvent.Waited(Instant.ofEpochMilli(line.epochMillis()), privateLine)));
                    continue;
                }
            } catch (ProtocolException e) {
                // below
            }
            log.warn("Skipped a waiting line that is not a private line: {}", new String(line.line(), StandardCharsets.UTF_8).strip());
        }
        if (!waited.isEmpty()) {
            log.info("{} got {} private lines that waited for it", member.name(), waited.size());
        }
    }

    /** How many private lines a member may receive from everyone together: twice one address's rate. */
    private static RateLimiter privateInbox(ServerConfig config) {
        return config.rateLimited()
                ? new RateLimiter(2 * config.rateLimit(), 2 * config.rateBurst(), System::nanoTime)
                : null;
    }
}
