package chat.server;

import chat.common.protocol.CommandParser;
import chat.common.protocol.ErrorCode;
import chat.common.protocol.ServerEvent;
import chat.server.accounts.Accounts;
import java.io.IOException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /register}, {@code /password} and {@code /unregister} for one member, on its reader thread. A
 * password is taken only over TLS unless the operator allows plain text, and is never logged.
 */
final class AccountCommands {
    private static final Logger log = LoggerFactory.getLogger(AccountCommands.class);
    static final int MIN_PASSWORD_CHARS = 8;
    static final int MAX_PASSWORD_CHARS = 200;

    private final Accounts accounts;
    private final ServerConfig config;
    private final Roster.Member me;
    private final boolean encrypted;
    private final Consumer<ServerEvent> reply;

    AccountCommands(SessionContext context, Roster.Member me, boolean encrypted, Consumer<ServerEvent> reply) {
        this.accounts = context.registry().accounts();
        this.config = context.config();
        this.me = me;
        this.encrypted = encrypted;
        this.reply = reply;
    }

    void register(String password) {
        if (!acceptable(password, "/register", CommandParser.REGISTER_USAGE)) {
            return;
        }
        String name = me.name().value();
        try {
            if (!accounts.register(name, password.toCharArray())) {
                reply.accept(ErrorCode.ALREADY_REGISTERED.event(name));
                return;
            }
        } catch (IOException e) {
            notSaved(e);
            return;
        }
        me.standing().identified(config.operators().contains(me.name().key()));
        log.info("{} registered", name);
        reply.accept(new ServerEvent.Info(name + " is registered now: logging in as " + name + " will ask for this password."));
        if (me.standing().operator()) {
            reply.accept(new ServerEvent.Info("You are an operator here; /help shows what you may do."));
        }
    }

    void changePassword(String password) {
        if (!registered() || !acceptable(password, "/password", CommandParser.PASSWORD_USAGE)) {
            return;
        }
        try {
            accounts.changePassword(me.name().value(), password.toCharArray());
        } catch (IOException e) {
            notSaved(e);
            return;
        }
        log.info("{} changed its password", me.name());
        reply.accept(new ServerEvent.Info("Password changed."));
    }

    void unregister() {
        if (!registered()) {
            return;
        }
        String name = me.name().value();
        try {
            accounts.unregister(name);
        } catch (IOException e) {
            notSaved(e);
            return;
        }
        me.standing().released();
        log.info("{} unregistered", name);
        reply.accept(new ServerEvent.Info(name + " is no longer registered: anyone may use it while you are not online."));
    }

    private boolean registered() {
        if (!me.standing().registered()) {
            reply.accept(ErrorCode.NOT_REGISTERED.event(me.name()));
            return false;
        }
        return true;
    }

    /** Whether {@code password} may be taken here and now; if not, the member was told why. */
    private boolean acceptable(String password, String command, String usage) {
        if (!encrypted && !config.allowPlainPasswords()) {
            reply.accept(ErrorCode.PASSWORD_NEEDS_TLS.event(command));
            return false;
        }
        int chars = password.codePointCount(0, password.length());
        if (chars < MIN_PASSWORD_CHARS || chars > MAX_PASSWORD_CHARS) {
            reply.accept(ErrorCode.BAD_ARGUMENTS.event(usage + " (" + MIN_PASSWORD_CHARS + " to " + MAX_PASSWORD_CHARS
                    + " characters)"));
            return false;
        }
        return true;
    }

    private void notSaved(IOException e) {
        log.warn("Cannot save the accounts: {}", e.getMessage());
        reply.accept(ErrorCode.NOT_SAVED.event());
    }
}
