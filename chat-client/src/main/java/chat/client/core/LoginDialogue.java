package chat.client.core;

import chat.common.protocol.ErrorCode;
import chat.common.protocol.ServerEvent;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The login on one connection: offers a name and answers the server's password questions, asking the person
 * the first time and from memory when the session logs in again after a loss. The passwords that logged in
 * are kept here, in memory only, for that.
 */
final class LoginDialogue {
    /** The answers to a name (or its password) after which another name may be offered. */
    private static final Set<ErrorCode> LOGIN_ERRORS = EnumSet.of(ErrorCode.NAME_TAKEN,
            ErrorCode.NAME_INVALID, ErrorCode.PASSWORD_WRONG, ErrorCode.PASSWORD_THROTTLED, ErrorCode.PASSWORD_NEEDS_TLS);

    private final String server;
    private final ChatListener listener;
    private final Members members;
    private final Object sendLock;
    private final EventReader reader;
    /** The passwords that logged in (account, lower case, or "*" for the server's). */
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    /** Whether the person agreed to send passwords to this server unencrypted; asked once. */
    private volatile boolean plainTextAgreed;

    /**
     * @param server the server as the person knows it ("host:port"), for the questions
     * @param sendLock the session's: a login line never goes out between the pieces of another line
     */
    LoginDialogue(String server, ChatListener listener, Members members, Object sendLock, EventReader reader) {
        this.server = server;
        this.listener = listener;
        this.members = members;
        this.sendLock = sendLock;
        this.reader = reader;
    }

    /**
     * Offers {@code wanted} on {@code c} and answers password questions until the server decides. A person
     * whose password was wrong is asked again at once (the name is offered again for them); one who gives
     * none ends the login with an {@code ERROR} saying so.
     *
     * @param tell whether a person is logging in (events go to the listener, passwords are asked) or it is a
     *     reconnect (passwords from memory)
     * @return {@code WELCOME}, an {@code ERROR} about the name or its password, or {@code BYE}
     */
    ServerEvent logIn(ServerConnection c, String wanted, boolean tell) throws IOException {
        send(c, wanted);
        Map<String, String> given = new HashMap<>();
        String answered = null; // the password question just answered: its account, or "*"
        String gaveUp = null; // the same, where the person gave no password
        boolean wrong = false;
        try {
            while (true) {
                ServerEvent event = reader.next(c, tell);
                if (event instanceof ServerEvent.Welcome) {
                    passwords.putAll(given);
                    return event;
                }
                if (event instanceof ServerEvent.Bye) {
                    return event;
                }
                if (event instanceof ServerEvent.PasswordRequest request) {
                    String account = request.account().toLowerCase(Locale.ROOT);
                    String password = tell ? ask(c, request, wrong) : passwords.get(account);
                    wrong = false;
                    if (password == null || password.isEmpty()) {
                        gaveUp = request.forServer() ? "the server " + server : request.account();
                        send(c, ""); // an empty line gives up
                        continue;
                    }
                    given.put(account, password);
                    answered = account;
                    send(c, password);
                    continue;
                }
                if (event instanceof ServerEvent.Error error && error.code() == ErrorCode.PASSWORD_WRONG) {
                    if (gaveUp != null) {
                        return new ServerEvent.Error(ErrorCode.PASSWORD_WRONG, ClientText.noPassword(gaveUp));
                    }
                    if (tell && answered != null) { // ask again, without making the person type the name again
                        given.remove(answered);
                        answered = null;
                        wrong = true;
                        send(c, wanted);
                        continue;
                    }
                }
                if (event instanceof ServerEvent.Error error && error.code() == ErrorCode.BANNED) {
                    return new ServerEvent.Bye(error.text()); // the BYE that follows says only "banned"
                }
                if (event instanceof ServerEvent.Error error && LOGIN_ERRORS.contains(error.code())) {
                    return event;
                }
                members.apply(event);
                if (tell) {
                    listener.onEvent(event);
                }
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("The server did not answer the login in time", e);
        }
    }

    /** The person's password for {@code request}, or null if they gave none or would not send it unencrypted. */
    private String ask(ServerConnection c, ServerEvent.PasswordRequest request, boolean again) {
        String forWhat = request.forServer() ? "of the server " + server : "for " + request.account() + " at " + server;
        if (!mayGoUnencrypted(c, "the password " + forWhat)) {
            return null;
        }
        return listener.askPassword((again ? "Wrong password. " : "") + "Password " + forWhat + ": ");
    }

    /**
     * Whether {@code what} (a password) may be sent on {@code c}: always over TLS; over plain text only if the
     * person says so, asked once per session.
     */
    boolean mayGoUnencrypted(ServerConnection c, String what) {
        if (c.security() != null || plainTextAgreed) {
            return true;
        }
        plainTextAgreed = listener.confirm(ClientText.unencrypted(server, what));
        return plainTextAgreed;
    }

    private void send(ServerConnection c, String line) throws IOException {
        synchronized (sendLock) {
            c.send(line);
        }
    }

    /** A password {@code account} was given during the session ({@code /password}), for logging in again. */
    void remember(String account, String password) {
        passwords.put(account.toLowerCase(Locale.ROOT), password);
    }
}
