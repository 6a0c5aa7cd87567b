package chat.server.irc;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What both directions of one IRC connection know: the reader ({@link IrcCommands}) and the writer
 * ({@link IrcReplies}) run on different threads and share only this.
 */
final class IrcConnection {
    /** The host part of every mask: members' addresses are the chat's to show, through {@code WHOIS}. */
    static final String HOST = "chat";
    /** The capabilities this server offers (IRCv3 {@code CAP LS}). */
    static final Set<String> CAPABILITIES = Set.of("server-time", "echo-message", "multi-prefix", "sasl", "userhost-in-names",
            "away-notify", "message-tags");

    /**
     * A reply the reader asked the chat for, which the writer turns into IRC's numerics when it comes. A {@code NAMES}
     * ends with a 366 naming {@code namesEnd}: the channel, or for one of several in one {@code NAMES}, all of them
     * as asked on the last and none (null) on the others (RFC 2812: one end for the whole list).
     */
    record Pending(Kind kind, String target, Whox whox, String namesEnd) {
        enum Kind { NAMES, WHO, WHOIS, TOPIC, PRIVMSG, NOTICE, USERHOST, ISON, OPER, INVITE, LUSERS, LIST }

        Pending(Kind kind, String target) {
            this(kind, target, null, target);
        }

        Pending(Kind kind, String target, Whox whox) {
            this(kind, target, whox, target);
        }

        boolean is(Kind wanted, String name) {
            return kind == wanted && target.equalsIgnoreCase(name);
        }
    }

    final String serverName;
    /** The IRC clients of this server, this one among them once logged in. */
    final IrcDirectory directory;
    /** USER's user name and real name, sanitised, for WHO and WHOIS (set by the reader at registration). */
    volatile String user = "";
    volatile String realName = "";
    /**
     * The registered name whose password the chat asked for at login (set by the reader), else null: a welcome
     * under it means the password was right, and WHOX tells it as the account.
     */
    volatile String accountAsked;
    /** The chat took this connection's OPER (set by the writer): WHO shows it with {@code *}. */
    volatile boolean oper;
    /**
     * User mode {@code +i} (set by the reader): a {@code WHO} of a mask, and a {@code WHO} or {@code NAMES} of a
     * channel from outside it, leave this client out for those who share no channel with it but {@code #general}
     * ({@link IrcDirectory#hiddenFrom}).
     */
    volatile boolean invisible;
    /** AWAY's text while the client is away, else null (set by the reader). */
    volatile String away;
    /** Queues a line for this client, in order with the chat's, from any thread (set once its streams are open). */
    volatile Consumer<IrcMessage> tell = m -> { };
    /** The nick: the one asked for until the chat welcomes it, then the name it logged in under. */
    volatile String nick = "*";
    /** Set by the writer when the chat welcomed this connection. */
    volatile boolean registered;
    final Set<String> capabilities = ConcurrentHashMap.newKeySet(); // changed through capability(), by the reader
    private volatile boolean serverTime;
    private volatile boolean echoMessage;
    /** The client is negotiating capabilities (CAP LS or REQ came, CAP END not yet): set by the reader. */
    volatile boolean negotiating;
    /** The name the chat is logging in was sent for SASL: its outcome is told as SASL's (set by the reader). */
    volatile boolean saslLogin;
    /** The chat asked the SASL name's password, so a welcome means the password was right (set by the reader). */
    volatile boolean saslPasswordAsked;
    /** The channels this connection is in, as keys ({@link #key}); kept by the writer from its own joins and parts. */
    final Set<String> channels = ConcurrentHashMap.newKeySet();
    /**
     * away-notify: the away text each person here was last told to this client with, by key (the reader of the
     * one who went away, and this writer after a JOIN, each tell only what this says is news); at most
     * {@value #MAX_AWAY_TOLD}, then forgotten, so at worst an AWAY is told twice.
     */
    private final Map<String, String> awayTold = new ConcurrentHashMap<>();
    private static final int MAX_AWAY_TOLD = 1024;
    /**
     * Asked by the reader, answered in order by the writer; at most {@value #MAX_PENDING}, the oldest forgotten
     * (every PRIVMSG is remembered, for a refusal, and one that went well is never answered): bounded by the queue
     * itself, whose offer fails when full (counting a linked queue walked it, at every line).
     */
    final ArrayBlockingQueue<Pending> pending = new ArrayBlockingQueue<>(MAX_PENDING);
    private static final int MAX_PENDING = 64;

    /** Whether {@code name}'s going away with {@code away} is news to this client; now it is told. Null: back, always news. */
    boolean awayNews(String name, String away) {
        if (away == null) {
            awayTold.remove(key(name));
            return true;
        }
        if (awayTold.size() >= MAX_AWAY_TOLD) {
            awayTold.clear();
        }
        return !away.equals(awayTold.put(key(name), away));
    }

    /** {@code name} left: what this client was told of its away state is no longer so. */
    void forgetAway(String name) {
        awayTold.remove(key(name));
    }

    IrcConnection(String serverName, IrcDirectory directory) {
        this.serverName = serverName;
        this.directory = directory;
    }

    boolean has(String capability) {
        return capabilities.contains(capability);
    }

    /** Turns {@code capability} on or off (CAP REQ, by the reader). */
    void capability(String capability, boolean on) {
        if (on) {
            capabilities.add(capability);
        } else {
            capabilities.remove(capability);
        }
        serverTime = capabilities.contains("server-time");
        echoMessage = capabilities.contains("echo-message");
    }

    /** {@code has("server-time")}, read by the writer for every line relayed: a field, not a lookup. */
    boolean serverTime() {
        return serverTime;
    }

    /** {@code has("echo-message")}, likewise. */
    boolean echoMessage() {
        return echoMessage;
    }

    /** Whom numerics and notices are addressed to: {@code *} until registered, as IRC has it. */
    String target() {
        return registered ? nick : "*";
    }

    /** A numeric reply from this server to this client: {@code :server CODE target params...}. */
    IrcMessage numeric(String code, String... params) {
        String[] all = new String[params.length + 1];
        all[0] = target();
        System.arraycopy(params, 0, all, 1, params.length);
        return IrcMessage.of(serverName, code, all);
    }

    static String mask(String name) {
        return name + "!" + name + "@" + HOST;
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The registered name this client proved at login (SASL or its password) and is logged in under; else null. */
    String account() {
        return registered && nick.equalsIgnoreCase(accountAsked) ? nick : null;
    }

    boolean isMe(String name) {
        return name.equalsIgnoreCase(nick);
    }
}
