package chat.common.protocol;

import java.util.Locale;

/**
 * Every error the server can answer with, and the sentence it sends for it.
 *
 * <p>All wording a person sees in an {@code ERROR} line lives here, so that it reads the same from every
 * place that raises it and makes sense to someone typing into {@code nc}.
 */
public enum ErrorCode {
    NAME_TAKEN("%s is already in use; choose another name"),
    NAME_LOOKALIKE("%s looks too much like %s, a name in use here; choose another name"),
    NAME_INVALID("a name is " + Username.RULE + "; try another"),
    NO_SUCH_USER("%s is not online"),
    UNKNOWN_COMMAND("%s is not a command; type /help for the list"),
    BAD_ARGUMENTS("usage: %s"),
    LINE_TOO_LONG("lines are limited to %d bytes; that line was dropped"),
    SERVER_FULL("the server is full; try again later"),
    SERVER_BUSY("the server cannot take this connection right now; try again later"),
    THROTTLED("too many new connections from your address; wait a few seconds and try again"),
    RATE_LIMITED("you are sending too fast; this line was dropped: %s"),
    RECIPIENT_BUSY("%s is getting too many private messages right now; that line was dropped, try again shortly"),
    NOT_CHAT("this is a chat server, not a web server; connect with the chat client or nc"),
    TLS_REQUIRED("this server speaks TLS only; connect with a TLS client, e.g. openssl s_client -connect HOST:PORT"),
    PASSWORD_WRONG("wrong password for %s; send the name again to try again"),
    PASSWORD_THROTTLED("too many wrong passwords %s; wait %d s, then try again"),
    PASSWORD_NEEDS_TLS("%s needs a password, and this server takes passwords only over TLS; connect with TLS (client.jar --tls)"),
    TOO_MANY_CHANGES("too many account changes from you or your address; wait %d s, then try again"),
    ALREADY_REGISTERED("%s is registered already; /password changes its password"),
    NOT_REGISTERED("%s is not registered; /register PASSWORD registers it"),
    NOT_OPERATOR("only operators may use %s"),
    NO_OPERATOR_NAME("%s is not one of this server's operators"),
    OPER_PASSWORD_WRONG("wrong password for %s's operator powers"),
    OPERATOR_NAME("%s is an operator's name: only the server's administrator makes its account, on the server's console"),
    BANNED("%s banned from this server%s"),
    NAME_HELD("%s was kicked; the name is free again in %d s, or log in under another"),
    NO_SUCH_BAN("no ban matches %s; /bans lists them"),
    BAN_COVERS_YOU("that ban would cover your own address %s; ban a narrower network"),
    NOT_SAVED("the server could not save that, so nothing changed; try again later"),
    NO_SUCH_TRANSFER("there is no transfer #%d of yours to %s"),
    FILE_TOO_LARGE("%s is %d bytes; this server relays files of at most %d bytes"),
    TOO_MANY_TRANSFERS("%s %d transfers at once already, the most this server allows; try again when one has ended"),
    OFFER_WAITING("your offer #%2$d to %1$s waits for an answer already; one at a time (/cancel %2$d withdraws it)"),
    OFFER_DECLINED("%s declined your last offer; you may offer again in %d s"),
    TRANSFERS_OFF("this server does not relay files"),
    BAD_TOKEN("that transfer token is not valid here: wrong, used already, or not yours"),
    LINK_DOWN("this server has lost its link to the rest of the chat; %s, try again shortly"),
    OTHER_SERVER("%s is connected to another server of this chat; %s works only between people on the same server"),
    ROOM_INVALID("a room name is " + RoomName.RULE + "; %s is not one"),
    NO_SUCH_ROOM("there is no room %s; /rooms lists them, /join makes one"),
    NOT_IN_ROOM("you are not in %s; /join it first"),
    NOT_MEMBER("%s is not in %s"),
    ROOM_LOOKALIKE("%s looks too much like %s, a room here; join that one or choose another name"),
    INVITE_ONLY("%s is invite-only; one of its operators must /invite you"),
    NOT_ROOM_OPERATOR("only %s's operators may use %s"),
    MODERATED("%s is moderated: only its operators and those they /voice may speak there; this line was not said"),
    TOO_MANY_ROOMS("you are in %d rooms, the most this server allows; /part one first"),
    ROOM_FULL("%s has %d members, the most this server allows in a room"),
    ROOMS_FULL("this server has %d rooms, the most it allows; join one of them"),
    DEFAULT_ROOM("everyone stays in %s while online; /quit leaves the chat"),
    ROOMS_OFF("rooms other than %s are not available on a server of several nodes yet"),
    TRANSFER_PORT("this is a chat server's file transfer port, not its chat port (by default the chat port is this one - 1)"),
    NOT_KEPT("this server keeps no lines beyond the last few newcomers are shown, so it has no %s"),
    STORE_FAILED("the server could not use its store just now; try again later"),
    WAITING_FULL("%s has as many lines waiting as this server keeps (%d, %d from one sender); try again when they are back");

    private final String template;

    ErrorCode(String template) {
        this.template = template;
    }

    /** The sentence for this error, with {@code args} filled into its placeholders. */
    public String text(Object... args) {
        return String.format(Locale.ROOT, template, args);
    }

    /** An {@code ERROR} event with this code and its sentence. */
    public ServerEvent.Error event(Object... args) {
        return new ServerEvent.Error(this, text(args));
    }
}
