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
    /** Reads a connection's next event; {@code tell}: unreadable lines are shown to the person. */
    interface Reader {
        ServerEvent read(ServerConnection c, boolean tell) throws IOException;
    }

    /** The answers to a name (or its password) after which another name may be offered. */
    private static final Set<ErrorCode> LOGIN_ERRORS = EnumSet.of(ErrorCode.NAME_TAKEN,
            ErrorCode.NAME_INVALID, ErrorCode.PASSWORD_WRONG, ErrorCode.PASSWORD_THROTTLED, ErrorCode.PASSWORD_NEEDS_TLS);

    private final String host;
    private final ChatListener listener;
    private final Members members;
    private final Object sendLock;
    private final Reader reader;
    /** The passwords that logged in (account, lower case, or "*" for the server's). */
    private final Map<String, String> passwords = new ConcurrentHashMap<>();

    /** @param sendLock the session's: a login line never goes out between the pieces of another line */
    LoginDialogue(String host, ChatListener listener, Members members, Object sendLock, Reader reader) {
        this.host = host;
        this.listener = listener;
        this.members = members;
        this.sendLock = sendLock;
        this.reader = reader;
    }

    /**
     * Offers {@code wanted} on {@code c} and answers password questions until the server decides.
     *
     * @param tell whether a person is logging in (events go to the listener, passwords are asked) or it is a
     *     reconnect (passwords from memory)
     * @return {@code WELCOME}, an {@code ERROR} about the name or its password, or {@code BYE}
     */
    ServerEvent logIn(ServerConnection c, String wanted, boolean tell) throws IOException {
        synchronized (sendLock) {
            c.send(wanted);
        }
        Map<String, String> given = new HashMap<>();
        try {
            while (true) {
                ServerEvent event = reader.read(c, tell);
                if (event instanceof ServerEvent.Welcome) {
                    passwords.putAll(given);
                    return event;
                }
                if (event instanceof ServerEvent.Bye) {
                    return event;
                }
                if (event instanceof ServerEvent.PasswordRequest request) {
                    String account = request.account().toLowerCase(Locale.ROOT);
                    String password = tell ? listener.askPassword(question(request)) : passwords.get(account);
                    password = password == null ? "" : password; // an empty line gives up
                    given.put(account, password);
                    synchronized (sendLock) {
                        c.send(password);
                    }
                    continue;
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

    /** A password {@code account} was given during the session ({@code /password}), for logging in again. */
    void remember(String account, String password) {
        passwords.put(account.toLowerCase(Locale.ROOT), password);
    }

    private String question(ServerEvent.PasswordRequest request) {
        return request.forServer() ? "Password of the server " + host + ": " : "Password for " + request.account() + ": ";
    }
}
