package chat.server.session;

import chat.common.protocol.ClientCommand;
import chat.common.protocol.CommandParser;
import chat.common.protocol.ErrorCode;
import chat.common.protocol.ServerEvent;
import chat.common.protocol.Username;
import chat.server.accounts.GuessThrottle;
import chat.server.admission.AddressKey;
import chat.server.config.ServerConfig;
import chat.server.config.ServerText;
import chat.server.moderation.Ban;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversation before login, on the session's reader thread (docs/PROTOCOL.md, "Login" and
 * "Passwords"): names, and where the server asks, its shared password and a registered name's password,
 * until a free name is claimed or the connection is to end. A password line is never logged.
 */
public final class Login {
    private static final Logger log = LoggerFactory.getLogger(Login.class);
    private static final Pattern HTTP_REQUEST = Pattern.compile("^[A-Z]+ \\S+ HTTP/\\d(\\.\\d)?$");

    /** What the conversation needs of its session. */
    interface Peer {
        /** The next line; null when the connection has ended. */
        String nextLine() throws IOException;

        void send(ServerEvent event);

        /** A name or password was tried: the login timeout starts again. */
        void attempted();

        /**
         * Runs a password {@code check}, during which the login timeout waits; null if the login timed out
         * before it began.
         */
        Boolean check(BooleanSupplier check);

        /** Tries to join under {@code name}; {@code identified}: its password was given. */
        Joined tryJoin(Username name, boolean identified);
    }

    /** How a try to join went; REFUSED: the session said why already, and the name may be tried again. */
    enum Joined { JOINED, TAKEN, REFUSED, TIMED_OUT }

    /**
     * How the conversation ended.
     *
     * @param name the name joined under, or null
     * @param endReason why the connection ends when not joined; null: as the session finds it
     */
    record Outcome(Username name, String endReason) {
        static Outcome ended(String reason) {
            return new Outcome(null, reason);
        }
    }

    private enum Answer { RIGHT, WRONG, ENDED, TIMED_OUT }

    private final SessionContext context;
    private final Peer peer;
    private final String address;
    private final String addressKey;
    private final boolean encrypted;

    /** @param encrypted whether the connection is TLS: passwords are taken only then, unless allowed */
    Login(SessionContext context, Peer peer, String address, AddressKey addressKey, boolean encrypted) {
        this.context = context;
        this.peer = peer;
        this.address = address;
        this.addressKey = GuessThrottle.fromAddress(addressKey);
        this.encrypted = encrypted;
    }

    Outcome run() throws IOException {
        ServerConfig config = context.config();
        boolean serverPasswordGiven = config.serverPassword() == null;
        boolean first = true;
        while (true) {
            String line = peer.nextLine();
            if (line == null) {
                return Outcome.ended(null);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (first && HTTP_REQUEST.matcher(line).matches()) {
                peer.send(ErrorCode.NOT_CHAT.event());
                return Outcome.ended(ServerText.BYE_NOT_CHAT);
            }
            first = false;
            if (line.equalsIgnoreCase(CommandParser.STATUS)) {
                peer.send(new ServerEvent.Info(context.status().get())); // for health checks: no login needed
                continue;
            }
            peer.attempted();
            if (CommandParser.parse(line) instanceof ClientCommand.Quit) {
                return Outcome.ended("quit");
            }
            Username name = Username.parse(line).orElse(null);
            if (name == null) {
                peer.send(ErrorCode.NAME_INVALID.event());
                continue;
            }
            if (!serverPasswordGiven) { // asked before the name is looked at: outsiders learn nothing of it
                Answer answer = askPassword(new ServerEvent.PasswordRequest(ServerEvent.PasswordRequest.SERVER,
                        ServerText.SERVER_PASSWORD), "this server", null, p -> config.serverPassword().matches(p));
                if (answer == Answer.ENDED || answer == Answer.TIMED_OUT) {
                    return ended(answer);
                }
                if (answer == Answer.WRONG) {
                    continue;
                }
                serverPasswordGiven = true;
            }
            Ban ban = context.registry().bans().onName(name.value());
            if (ban != null) {
                peer.send(ErrorCode.BANNED.event(name.value() + " is", ban.terms()));
                log.info("Banned name {} refused from {}", name, address);
                return Outcome.ended(ServerText.BYE_BANNED);
            }
            String lookalike = context.registry().accounts().isRegistered(name.value()) ? null : lookalike(name);
            if (lookalike != null) { // a registered name is its owner's, whatever it looks like: the password decides
                peer.send(ErrorCode.NAME_LOOKALIKE.event(name, lookalike));
                continue;
            }
            long held = context.registry().kicks().heldNanos(name.value());
            if (held > 0) {
                peer.send(ErrorCode.NAME_HELD.event(name, seconds(held)));
                continue;
            }
            boolean identified = false;
            String registered = context.registry().accounts().registeredAs(name.value());
            if (registered != null) {
                name = Username.parse(registered).orElseThrow(); // a registered name keeps its spelling
                if (context.roster().find(registered) != null) {
                    peer.send(ErrorCode.NAME_TAKEN.event(name));
                    continue;
                }
                if (!encrypted && !config.allowPlainPasswords()) {
                    peer.send(ErrorCode.PASSWORD_NEEDS_TLS.event(name));
                    continue;
                }
                Answer answer = askPassword(new ServerEvent.PasswordRequest(registered, ServerText.namePassword(registered)),
                        registered, name.key(), p -> context.registry().accounts().verify(registered, p.toCharArray()));
                if (answer == Answer.ENDED || answer == Answer.TIMED_OUT) {
                    return ended(answer);
                }
                if (answer == Answer.WRONG) {
                    continue;
                }
                identified = true;
                try {
                    context.registry().accounts().seen(registered); // in use: keeps it from expiring
                } catch (IOException e) {
                    log.warn("Cannot note that {} was used: {}", registered, e.getMessage());
                }
            }
            switch (peer.tryJoin(name, identified)) {
                case JOINED:
                    return new Outcome(name, null);
                case TIMED_OUT: // the watchdog's goodbye may not be queued yet: say its reason, not "connection closed"
                    return Outcome.ended(ServerText.BYE_LOGIN_TIMEOUT);
                case REFUSED:
                    continue;
                default:
                    peer.send(ErrorCode.NAME_TAKEN.event(name));
            }
        }
    }

    /**
     * Asks for a password with {@code request} and checks the line that answers, unless guessing from this
     * address, or for {@code nameKey} (null: no name) from this address, must wait first. Guesses count per
     * address and per name and address, never per name alone: wrong guesses from elsewhere must not lock the
     * owner out (docs/SECURITY.md).
     */
    private Answer askPassword(ServerEvent.PasswordRequest request, String what, String nameKey, Predicate<String> check)
            throws IOException {
        GuessThrottle guesses = context.registry().guesses();
        String pairKey = nameKey == null ? null : GuessThrottle.forName(nameKey, addressKey);
        long nameWait = pairKey == null ? 0 : guesses.waitNanos(pairKey);
        long addressWait = guesses.waitNanos(addressKey);
        if (nameWait > 0 || addressWait > 0) {
            String who = addressWait >= nameWait ? "from your address" : "for " + what + " from your address";
            peer.send(ErrorCode.PASSWORD_THROTTLED.event(who, seconds(Math.max(nameWait, addressWait))));
            return Answer.WRONG;
        }
        peer.send(request);
        String password = peer.nextLine();
        if (password == null) {
            return Answer.ENDED;
        }
        peer.attempted();
        if (password.isEmpty()) { // the person gave up: not a guess
            peer.send(ErrorCode.PASSWORD_WRONG.event(what));
            return Answer.WRONG;
        }
        Boolean right = peer.check(() -> check.test(password));
        if (right == null) {
            return Answer.TIMED_OUT;
        }
        if (right) {
            if (pairKey != null) {
                guesses.succeeded(pairKey);
            }
            return Answer.RIGHT;
        }
        int inARow = guesses.failed(addressKey);
        if (pairKey != null) {
            inARow = Math.max(inARow, guesses.failed(pairKey));
        }
        log.info("Wrong password for {} from {} ({} in a row)", what, address, inARow);
        peer.send(ErrorCode.PASSWORD_WRONG.event(what));
        return Answer.WRONG;
    }

    private static Outcome ended(Answer answer) {
        return Outcome.ended(answer == Answer.TIMED_OUT ? ServerText.BYE_LOGIN_TIMEOUT : null);
    }

    /** A name registered or online that looks like {@code name} but is another (the first one keeps it), or null. */
    private String lookalike(Username name) {
        String registered = context.registry().accounts().lookalike(name.value());
        if (registered != null) {
            return registered;
        }
        return context.roster().lookalike(name.value());
    }

    private static long seconds(long nanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos + TimeUnit.SECONDS.toNanos(1) - 1));
    }
}
