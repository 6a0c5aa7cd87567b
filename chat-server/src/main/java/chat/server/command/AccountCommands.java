package chat.server.command;

import chat.common.protocol.ClientCommand;
import chat.common.protocol.CommandParser;
import chat.common.protocol.ErrorCode;
import chat.common.protocol.ServerEvent;
import chat.common.protocol.Username;
import chat.server.accounts.Accounts;
import chat.server.accounts.GuessThrottle;
import chat.server.admission.AddressKey;
import chat.server.admission.RateLimiter;
import chat.server.config.ServerConfig;
import chat.server.roster.Roster;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /register}, {@code /password}, {@code /unregister} and {@code /oper} for one member, on its reader
 * thread. A password is taken only over TLS unless the operator allows plain text, and is never logged.
 */
public final class AccountCommands {
    private static final Logger log = LoggerFactory.getLogger(AccountCommands.class);

    private final Accounts accounts;
    private final GuessThrottle guesses;
    private final ServerConfig config;
    private final Roster.Member me;
    private final boolean encrypted;
    private final Consumer<ServerEvent> reply;
    private final RateLimiter addressChanges; // shared by the address's connections; null: no limit
    private final RateLimiter myChanges; // null: no limit

    /** @param addressChanges the allowance of account changes of the member's address; null: no limit */
    AccountCommands(CommandContext context, Roster.Member me, boolean encrypted, RateLimiter addressChanges,
            Consumer<ServerEvent> reply) {
        this.accounts = context.registry().accounts();
        this.guesses = context.registry().guesses();
        this.config = context.config();
        this.me = me;
        this.encrypted = encrypted;
        this.reply = reply;
        this.addressChanges = addressChanges;
        ServerConfig.Throttle perAddress = config.accountChanges();
        // one member gets fewer than its address: others may share it (NAT), and a person rarely needs more
        this.myChanges = perAddress.on() ? new RateLimiter(1e9 / perAddress.interval().multipliedBy(2).toNanos(),
                Math.min(2, perAddress.burst()), System::nanoTime) : null;
    }

    void register(String password) {
        String name = me.name().value();
        if (config.operators().contains(me.name().key())) { // else whoever logs in first with it becomes operator
            reply.accept(ErrorCode.OPERATOR_NAME.event(name));
            return;
        }
        if (!acceptable(password, "/register", CommandParser.REGISTER_USAGE)) {
            return;
        }
        if (accounts.isRegistered(name)) { // refused before it costs an allowance or a hash
            reply.accept(ErrorCode.ALREADY_REGISTERED.event(name));
            return;
        }
        if (!allowed()) {
            return;
        }
        try {
            if (!accounts.register(name, password.toCharArray())) {
                reply.accept(ErrorCode.ALREADY_REGISTERED.event(name));
                return;
            }
        } catch (IOException e) {
            notSaved(e);
            return;
        }
        me.standing().identified(false); // listed names never get here: operators come from the console only
        log.info("{} registered", name);
        reply.accept(new ServerEvent.Info(name + " is registered now: logging in as " + name + " will ask for this password."));
    }

    void changePassword(String password) {
        if (!registered() || !acceptable(password, "/password", CommandParser.PASSWORD_USAGE) || !allowed()) {
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

    /**
     * {@code /oper NAME PASSWORD}: this session gets an operator's powers, with the name and password of an
     * operator's account. A name the configuration does not list is refused before any hash; wrong passwords
     * count against the same guess throttle as logins (per address, and per name and address, shared by the
     * nodes), so {@code /oper} is no faster a way to guess an operator's password than logging in.
     */
    void oper(String name, String password) {
        if (me.standing().operator()) {
            reply.accept(new ServerEvent.Info(ClientCommand.Oper.DONE));
            return;
        }
        Username operator = Username.parse(name).orElse(null);
        if (operator == null || !config.operators().contains(operator.key())) {
            reply.accept(ErrorCode.NO_OPERATOR_NAME.event(name));
            return;
        }
        if (!encrypted && !config.allowPlainPasswords()) {
            reply.accept(ErrorCode.PASSWORD_NEEDS_TLS.event("/oper"));
            return;
        }
        String addressKey = GuessThrottle.fromAddress(AddressKey.of(me.address())); // as a login's: both count alike
        String pairKey = GuessThrottle.forName(operator.key(), addressKey);
        long wait = Math.max(guesses.waitNanos(addressKey), guesses.waitNanos(pairKey));
        if (wait > 0) {
            reply.accept(ErrorCode.PASSWORD_THROTTLED.event("from your address", seconds(wait)));
            return;
        }
        if (!accounts.verify(operator.value(), password.toCharArray())) {
            int inARow = Math.max(guesses.failed(addressKey), guesses.failed(pairKey));
            log.info("Wrong /oper password for {} from {} ({} in a row)", operator, me.name(), inARow);
            reply.accept(ErrorCode.OPER_PASSWORD_WRONG.event(operator));
            return;
        }
        guesses.succeeded(pairKey);
        me.standing().operatorBy();
        log.info("{} took the operator powers of {}", me.name(), operator);
        reply.accept(new ServerEvent.Info(ClientCommand.Oper.DONE));
    }

    private boolean registered() {
        if (!me.standing().registered()) {
            reply.accept(ErrorCode.NOT_REGISTERED.event(me.name()));
            return false;
        }
        return true;
    }

    /**
     * Takes one account change from this member's and its address's allowances, which bound the password
     * hashes members can make the server compute; if either is spent, the member was told how long to wait.
     */
    private boolean allowed() {
        long wait = Math.max(myChanges == null ? 0 : myChanges.waitNanos(), addressChanges == null ? 0 : addressChanges.waitNanos());
        if (wait > 0 || myChanges != null && !myChanges.tryAcquire() || addressChanges != null && !addressChanges.tryAcquire()) {
            log.info("Account changes throttled for {} ({} s)", me.name(), seconds(wait));
            reply.accept(ErrorCode.TOO_MANY_CHANGES.event(seconds(wait)));
            return false;
        }
        return true;
    }

    /** A wait in whole seconds, rounded up, at least one: as a person is told it. */
    private static long seconds(long nanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos + 999_999_999L));
    }

    /** Whether {@code password} may be taken here and now; if not, the member was told why. */
    private boolean acceptable(String password, String command, String usage) {
        if (!encrypted && !config.allowPlainPasswords()) {
            reply.accept(ErrorCode.PASSWORD_NEEDS_TLS.event(command));
            return false;
        }
        String rule = passwordRule(password, config);
        if (rule != null) {
            reply.accept(ErrorCode.BAD_ARGUMENTS.event(usage + " (" + rule + ")"));
            return false;
        }
        return true;
    }

    /** Null if {@code password} is long enough for {@code config} and not too long; else the rule it breaks, for a sentence. */
    public static String passwordRule(String password, ServerConfig config) {
        int chars = password.codePointCount(0, password.length());
        return chars < config.minPasswordChars() || chars > ServerConfig.MAX_PASSWORD_CHARS
                ? config.minPasswordChars() + " to " + ServerConfig.MAX_PASSWORD_CHARS + " characters" : null;
    }

    private void notSaved(IOException e) {
        log.warn("Cannot save the accounts: {}", e.getMessage());
        reply.accept(ErrorCode.NOT_SAVED.event());
    }
}
