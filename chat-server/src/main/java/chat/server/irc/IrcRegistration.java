package chat.server.irc;

import chat.common.protocol.ServerEvent;
import chat.common.protocol.Username;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * An IRC client's registration, the reader's part of it ({@link IrcCommands} hands it the lines before login, and
 * CAP at any time): capability negotiation, PASS, NICK and USER, SASL PLAIN, and the answers to the chat's questions
 * while it logs the client in. One reader thread owns it.
 */
final class IrcRegistration {
    /** SASL's AUTHENTICATE chunks: a longer one is refused (ERR_SASLTOOLONG), as IRCv3 splits credentials so. */
    private static final int SASL_CHUNK_BYTES = 400;
    /** SASL's PLAIN credentials, base64, at most: a name and a password of the chat fit; more fails (ERR_SASLFAIL). */
    private static final int MAX_SASL_BYTES = 1200;
    /** USER's user name and real name are kept up to these lengths (IRC servers' usual USERLEN is 10). */
    private static final int USER_LENGTH = 10;
    private static final int REAL_NAME_LENGTH = 64;

    private String password; // PASS, until it answers the chat's question
    private String saslPassword; // SASL's, for the name it logs in
    private final StringBuilder saslData = new StringBuilder(); // AUTHENTICATE chunks so far
    private boolean saslStarted; // AUTHENTICATE PLAIN came: data comes next
    private boolean capVersion302; // CAP LS 302: capabilities may carry values (sasl=PLAIN)
    private boolean userGiven;
    private boolean nickGiven;
    private boolean capEnded; // CAP END came while a SASL login's NICK or USER had not: the welcome waits for them
    private boolean passwordAsked; // the chat waits for a password that PASS did not give
    private boolean loggedIn;

    private final IrcConnection irc;
    private final Consumer<IrcMessage> reply;
    private final Runnable release;

    /**
     * @param reply queues a line for the client, in order with the chat's; must not block
     * @param release queues word for the writer that negotiation has ended, so the welcome it held goes out
     */
    IrcRegistration(IrcConnection irc, Consumer<IrcMessage> reply, Runnable release) {
        this.irc = irc;
        this.reply = reply;
        this.release = release;
    }

    /** The chat welcomed the connection: CAP END no longer ends a login, only a negotiation. */
    void loggedIn() {
        loggedIn = true;
    }

    /** The chat asked something while logging in: a password is answered from PASS, or asked of the person. */
    List<String> loginEvent(ServerEvent event) {
        if (event instanceof ServerEvent.PasswordRequest request) {
            irc.accountAsked = request.forServer() ? null : request.account();
            if (!request.forServer() && irc.saslLogin && saslPassword != null) {
                irc.saslPasswordAsked = true; // before the chat can welcome: the writer reads it then
                String given = saslPassword;
                saslPassword = null;
                return List.of(given);
            }
            if (password != null) {
                String given = password;
                password = null; // one PASS answers one question: a private server's password is not the name's
                return List.of(given);
            }
            passwordAsked = true;
            notice(request.account().equals(ServerEvent.PasswordRequest.SERVER)
                    ? "This server is private: send its password with /quote PASS password"
                    : request.account() + " is registered: send its password with /quote PASS password, or log in under another nick");
        }
        return List.of();
    }

    List<String> capability(IrcMessage m) {
        String sub = m.param(0).toUpperCase(Locale.ROOT);
        switch (sub) {
            case "LS":
                irc.negotiating = !loggedIn;
                capVersion302 = m.param(1).matches("\\d{3,9}") && Integer.parseInt(m.param(1)) >= 302;
                reply.accept(IrcMessage.of(irc.serverName, "CAP", irc.target(), "LS",
                        String.join(" ", IrcConnection.CAPABILITIES.stream().sorted()
                                .map(c -> c.equals("sasl") && capVersion302 ? "sasl=PLAIN" : c).toList())));
                return List.of();
            case "LIST":
                reply.accept(IrcMessage.of(irc.serverName, "CAP", irc.target(), "LIST",
                        String.join(" ", irc.capabilities.stream().sorted().toList())));
                return List.of();
            case "REQ": {
                irc.negotiating = !loggedIn;
                List<String> asked = Arrays.stream(m.param(1).split(" ")).filter(w -> !w.isEmpty()).toList();
                boolean known = !asked.isEmpty() && asked.stream()
                        .allMatch(c -> IrcConnection.CAPABILITIES.contains(c.startsWith("-") ? c.substring(1) : c));
                if (known) {
                    for (String c : asked) {
                        if (c.startsWith("-")) {
                            irc.capability(c.substring(1), false);
                        } else {
                            irc.capability(c, true);
                        }
                    }
                }
                reply.accept(IrcMessage.of(irc.serverName, "CAP", irc.target(), known ? "ACK" : "NAK", m.param(1)));
                return List.of();
            }
            case "END":
                boolean was = irc.negotiating;
                if (was && (irc.saslLogin || loggedIn) && !(userGiven && nickGiven)) {
                    capEnded = true; // irssi sends NICK and USER only after SASL and CAP END: hold the welcome for them
                    return List.of();
                }
                irc.negotiating = false;
                if (loggedIn) {
                    if (was) {
                        release.run(); // logged in through SASL: the welcome waited for the end of negotiation
                    }
                    return List.of();
                }
                return login();
            default:
                numeric("410", sub, "Invalid CAP command");
                return List.of();
        }
    }

    List<String> registering(IrcMessage m) {
        switch (m.command()) {
            case "AUTHENTICATE":
                return authenticate(m.param(0));
            case "PASS":
                if (m.params().isEmpty()) {
                    numeric("461", "PASS", "Not enough parameters");
                    return List.of();
                }
                if (passwordAsked) {
                    passwordAsked = false;
                    return List.of(m.param(0));
                }
                password = m.param(0);
                return List.of();
            case "NICK":
                if (m.param(0).isEmpty()) {
                    numeric("431", "No nickname given");
                    return List.of();
                }
                if (m.param(0).equals("*")) { // what stands for no nick yet here, so never sent to the chat to refuse
                    numeric("432", "*", "Erroneous nickname: a name is " + Username.RULE);
                    return List.of();
                }
                irc.nick = m.param(0);
                nickGiven = true;
                return given();
            case "USER":
                if (m.params().size() < 4 || m.param(0).isEmpty() || m.param(3).isEmpty()) {
                    numeric("461", "USER", "Not enough parameters");
                    return List.of();
                }
                userGiven = true;
                describe(m);
                return given();
            default:
                numeric("451", "You have not registered");
                return List.of();
        }
    }

    /**
     * SASL PLAIN (IRCv3 sasl-3.1): the name and password it carries log in to the chat at once, the password
     * answering the chat's question; the writer tells the outcome as 903 or 904 when the chat has answered.
     */
    private List<String> authenticate(String data) {
        if (!irc.has("sasl") || irc.saslLogin) {
            numeric(irc.saslLogin ? "907" : "904", irc.saslLogin ? "You have already authenticated using SASL"
                    : "SASL authentication failed: request the sasl capability first");
            return List.of();
        }
        if (data.equals("*")) {
            saslOver();
            numeric("906", "SASL authentication aborted");
            return List.of();
        }
        if (!saslStarted) {
            if (!data.equalsIgnoreCase("PLAIN")) {
                numeric("908", "PLAIN", "are available SASL mechanisms");
                numeric("904", "SASL authentication failed");
                return List.of();
            }
            saslStarted = true;
            reply.accept(new IrcMessage("", "", "AUTHENTICATE", List.of("+")));
            return List.of();
        }
        if (data.length() > SASL_CHUNK_BYTES) {
            saslOver();
            numeric("905", "SASL message too long: at most " + SASL_CHUNK_BYTES + " bytes in one AUTHENTICATE");
            return List.of();
        }
        if (!data.equals("+")) {
            saslData.append(data);
        }
        if (saslData.length() > MAX_SASL_BYTES) {
            saslOver();
            numeric("904", "SASL authentication failed: credentials too long");
            return List.of();
        }
        if (data.length() == SASL_CHUNK_BYTES) {
            return List.of(); // a chunk of 400 means more follow
        }
        String[] parts;
        try {
            parts = new String(Base64.getDecoder().decode(saslData.toString()), StandardCharsets.UTF_8).split("\u0000", -1);
        } catch (IllegalArgumentException e) {
            parts = new String[0];
        }
        saslOver();
        if (parts.length != 3 || !Username.isValid(parts[1]) || !(parts[0].isEmpty() || parts[0].equalsIgnoreCase(parts[1]))
                || parts[2].isEmpty()) {
            numeric("904", "SASL authentication failed");
            return List.of();
        }
        List<String> lines = new ArrayList<>(2);
        if (passwordAsked) {
            passwordAsked = false;
            lines.add("");
        }
        saslPassword = parts[2];
        irc.saslPasswordAsked = false;
        irc.saslLogin = true;
        lines.add(parts[1]);
        return lines;
    }

    /** The SASL exchange ended, however: the next AUTHENTICATE names a mechanism again. */
    private void saslOver() {
        saslStarted = false;
        saslData.setLength(0);
    }

    /**
     * Whether {@code m}, the first NICK or USER after a SASL login and before the end of negotiation or the
     * welcome, completes a registration whose welcome waits for it; if so it is taken here, silently: the name is
     * the one SASL logged in, whatever nick came (the welcome tells the client its name).
     */
    boolean completesLogin(IrcMessage m) {
        boolean nick = m.command().equals("NICK") && !nickGiven;
        boolean user = m.command().equals("USER") && !userGiven;
        if (!irc.negotiating || !nick && !user) {
            return false;
        }
        if (nick) {
            nickGiven = true;
        } else {
            userGiven = true;
            describe(m);
        }
        given();
        return true;
    }

    /**
     * USER's user and real names, as WHO and WHOIS show them: the user name in the characters of a name, the real
     * name as plain text (formatting and control characters out), each cut to a length IRC's replies have room for.
     */
    private void describe(IrcMessage user) {
        String name = user.param(0).replaceAll("[^A-Za-z0-9_.-]", "");
        irc.user = name.substring(0, Math.min(name.length(), USER_LENGTH));
        irc.realName = IrcCommands.kept(user.param(3), REAL_NAME_LENGTH);
    }

    /** NICK or USER came: once both have and CAP has ended, a SASL login's held welcome goes out, or the nick logs in. */
    private List<String> given() {
        if (capEnded && irc.negotiating && userGiven && nickGiven) {
            capEnded = false;
            irc.negotiating = false;
            if (loggedIn) {
                release.run();
                return List.of();
            }
        }
        return login();
    }

    /** The nick to the chat, once NICK, USER and the end of CAP are in: again after each refusal. */
    private List<String> login() {
        if (!userGiven || irc.negotiating || irc.nick.equals("*")) {
            return List.of();
        }
        List<String> lines = new ArrayList<>(2);
        if (passwordAsked) { // another nick instead: an empty line gives up the password
            passwordAsked = false;
            lines.add("");
        }
        lines.add(irc.nick);
        return lines;
    }

    private void numeric(String code, String... params) {
        reply.accept(irc.numeric(code, params));
    }

    private void notice(String text) {
        reply.accept(IrcMessage.of(irc.serverName, "NOTICE", irc.target(), text));
    }
}
