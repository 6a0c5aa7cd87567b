package chat.server.roster;

import chat.common.protocol.ErrorCode;
import chat.common.protocol.EventCodec;
import chat.common.protocol.ServerEvent;
import chat.common.protocol.Username;
import chat.server.admission.RateLimiter;
import chat.server.transfer.Party;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;

/**
 * Who is in the chat, under names unique case-insensitively, and the one path by which lines reach them.
 *
 * <p>Two implementations: {@link LocalRoster}, everyone in this process (the default), and
 * {@code ClusterRoster}, one node of several sharing the chat through Redis. Either way
 * every member sees joins, leaves and public lines in one and the same order, and a member sees exactly the
 * public lines accepted between its join and its leave, after the history it was given at its join.
 *
 * <p>{@link #find} and {@link #members} see the members connected to this process only (their outboxes are
 * here); {@link #names} and {@link #size} count everyone in the chat.
 */
public interface Roster extends AutoCloseable {
    /**
     * A logged-in connection as the roster sees it.
     *
     * @param privateInbox private lines it may receive from everyone together; null for no limit
     * @param address where it connected from
     * @param since when it logged in
     * @param standing whether it is registered, and an operator
     * @param removal ends its session for a moderator, with a reason everyone sees
     * @param party the member as file transfer sees it
     */
    record Member(Username name, Outbox outbox, RateLimiter privateInbox, InetAddress address, Instant since,
            Standing standing, Removal removal, Party party) {

        /**
         * A member connected to another node, as this node's copy of the rooms holds it: lines offered to it go
         * nowhere (its own node delivers them), and it acts with {@code standing} (what it had when it asked).
         */
        public static Member elsewhere(Username name, Standing standing) {
            Outbox nowhere = Outbox.elsewhere();
            return new Member(name, nowhere, null, InetAddress.getLoopbackAddress(), Instant.EPOCH, standing, reason -> { },
                    new Party(name.value(), InetAddress.getLoopbackAddress(), false, e -> { }));
        }

        /** A member with no standing, from loopback, on plain text, who cannot be removed (tests). */
        Member(Username name, Outbox outbox, RateLimiter privateInbox) {
            this(name, outbox, privateInbox, InetAddress.getLoopbackAddress(), Instant.now(), new Standing(), reason -> { },
                    new Party(name.value(), InetAddress.getLoopbackAddress(), false, e -> outbox.offer(EventCodec.encodeLine(e))));
        }
    }

    /** Ends a member's session on a moderator's word. */
    interface Removal {
        void remove(String reason);
    }

    /**
     * The roster cannot carry this out now: a node has lost its link to the others. The caller answers with
     * {@link #error()}; nothing was done.
     */
    final class LinkDown extends RuntimeException {
        private final String what;

        /** @param what what was not done, for the person ("your line was not sent") */
        public LinkDown(String what) {
            super(what, null, false, false);
            this.what = what;
        }

        public ServerEvent.Error error() {
            return ErrorCode.LINK_DOWN.event(what);
        }
    }

    /**
     * Adds {@code member} if its name is free anywhere in the chat; then, atomically with the join, sends it
     * {@code welcome}, the history, and {@code join}, and announces {@code join} to everyone else unless the
     * chat is over the announce limit. Operators get {@code joinForOperators} instead (it shows the address
     * where {@code join} hides it).
     *
     * @return false if the name is taken; nothing was sent then
     * @throws LinkDown if the name cannot be claimed now
     */
    boolean tryJoin(Member member, ServerEvent welcome, ServerEvent join, ServerEvent joinForOperators);

    /**
     * Removes {@code member} and announces {@code leave} to those who remain, unless over the announce limit
     * and not {@code always} (a kick or ban is announced in any room). Never fails: a node that cannot reach
     * the others now announces it when it can.
     */
    void leave(Member member, ServerEvent.Leave leave, boolean always);

    /**
     * Says public lines ({@code MSG} or {@code ACTION}) of member {@code from}, in their order, to everyone, and
     * keeps them in the history; nothing, if a ban silenced {@code from} ({@link Standing#silenced}). A reader
     * hands over the lines of one read of its socket together, so that each writer gets them as one array and
     * one wake-up instead of one per line.
     *
     * @return an error for each line that could not be said now ({@code LINK_DOWN}), in order; empty if all were
     */
    List<ServerEvent.Error> say(Member from, List<ServerEvent> said);

    /** Tells everyone {@code notice} now (not kept in the history). */
    void broadcast(ServerEvent notice);

    /**
     * Sends a private line ({@code notice}: a private notice) from {@code from} to the member named {@code to},
     * and its copy to {@code from}.
     *
     * @return the error to answer {@code from} with, or null when sent
     * @throws LinkDown if the recipient cannot be looked up now
     */
    ServerEvent.Error sendPrivate(Member from, String to, String text, boolean notice);

    /** The line {@link #sendPrivate} sends, {@code to} being the recipient's name as it is online. */
    static ServerEvent privateLine(Member from, String to, String text, boolean notice) {
        String name = from.name().value();
        return notice ? new ServerEvent.PrivateNotice(name, to, text) : new ServerEvent.Private(name, to, text);
    }

    /**
     * Ends the session of {@code name}, connected to another node, with {@code reason}, as its
     * {@link Removal} would here: the leave it causes is announced in any room.
     *
     * @return the name as it is spelled, or null if no other node has it (always, on a single server)
     * @throws LinkDown if it cannot be looked up or asked now
     */
    String removeElsewhere(String name, String reason);

    /**
     * After a kick of {@code name}, holds the name out on the other nodes too ({@code --kick-hold}); this node's
     * operator holds it here. Never waits: a hold that cannot be told now is this node's alone.
     */
    void holdElsewhere(String name);

    /**
     * Asks the node where {@code name} is connected to answer {@code asker}'s {@code /whois} ({@link Whois}):
     * the answer comes to {@code asker} from there, like a private line.
     *
     * @return false if no other node has {@code name} (always, on a single server)
     * @throws LinkDown if it cannot be looked up or asked now
     */
    boolean whoisElsewhere(Member asker, String name, boolean withAddress);

    /** The member connected here under {@code name} (any case), or null. */
    Member find(String name);

    /**
     * Takes every line {@code name} said out of the history newcomers are shown, on every node.
     *
     * @throws LinkDown if the other nodes cannot be told now
     */
    void purge(String name);

    /**
     * The name of a member online that looks like {@code name} ({@link Username#skeleton}) but is another, or
     * null: on this node, and with several nodes on the others (in one look-up of every spelling, up to a
     * bound; a name with more look-alike letters is checked on this node only).
     */
    String lookalike(String name);

    /** Whether {@code name} is online on another node of the chat (never, on a single server). */
    boolean elsewhere(String name);

    /** Everyone connected here, in the order they joined. */
    List<Member> members();

    /**
     * Everyone in the chat, sorted case-insensitively; the list cannot be changed.
     *
     * @throws LinkDown if the other nodes' members cannot be listed now
     */
    List<String> names();

    /**
     * Sends {@code asker} the {@code USERS} line: everyone in the chat as of the joins and leaves it has been
     * sent, so that no join it was told of before is missing from the list (nor a leave after it undone).
     *
     * @throws LinkDown if the other nodes' members cannot be listed now
     */
    void listTo(Member asker);

    /** How many are in the chat: exact on one server, as of the last heartbeat for the other nodes. */
    int size();

    /** The rooms other than the default one, which is the roster itself (docs/PROTOCOL.md, "Rooms"). */
    Rooms rooms();

    /** Stops whatever the roster runs of its own (nothing, on a single server). */
    @Override
    default void close() {}
}
