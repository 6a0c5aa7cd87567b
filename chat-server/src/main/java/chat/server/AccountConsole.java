package chat.server;

import chat.common.protocol.Username;
import chat.server.accounts.Accounts;
import chat.server.accounts.Registry;
import chat.server.cluster.SharedAccounts;
import chat.server.command.AccountCommands;
import chat.server.config.ServerConfig;
import chat.server.store.Store;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code server.jar --add-account NAME} and {@code --set-password NAME}: the administrator makes an account, or
 * sets its password, on the server's own console, out of band. This is the only way an operator's account is
 * made (docs/SECURITY.md, "Operators"): over the protocol, whoever came first could take a listed name.
 *
 * <p>The password is asked twice, without echo at a terminal; piped, it is read from the first two lines of
 * standard input, for scripts. Without {@code --cluster} the store (or without one the accounts file) is changed
 * while no server runs on the data directory ({@link DataDirectory} refuses otherwise); with it, the change is made in Redis, and every
 * running node applies it at once.
 */
final class AccountConsole {
    /** Where passwords come from. */
    interface PasswordSource {
        /** The next password, prompted with {@code prompt}; null at the end of the input. */
        char[] read(String prompt) throws IOException;
    }

    enum Change { ADD, SET_PASSWORD }

    private AccountConsole() {}

    /** The terminal without echo, or standard input's lines where there is no terminal. */
    static PasswordSource standard() {
        Console console = System.console();
        if (console != null) {
            return prompt -> console.readPassword("%s", prompt);
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        return prompt -> {
            String line = in.readLine();
            return line == null ? null : line.toCharArray();
        };
    }

    /**
     * Makes the change and returns what to tell the administrator.
     *
     * @throws IOException with a one-line reason: nothing was changed
     */
    static String run(Change change, Username name, ServerConfig config, PasswordSource source) throws IOException {
        char[] password = askTwice(name, source, config);
        try {
            if (config.cluster() != null) {
                try (SharedAccounts shared = new SharedAccounts(config.cluster())) {
                    Accounts accounts = Accounts.load(null, config.passwordIterations());
                    accounts.replaceAll(shared.lines());
                    accounts.share(shared);
                    return apply(change, name, accounts, config, password) + " in the chat at " + config.cluster().where() + ".";
                }
            }
            if (config.dataDir() == null) {
                throw new IOException("no data directory to keep the account in; give --data-dir");
            }
            try (DataDirectory.Lock held = DataDirectory.lock(config.dataDir()); Store store = Store.openFor(config)) {
                Accounts accounts = Registry.load(config, store).accounts();
                return apply(change, name, accounts, config, password) + " in "
                        + (config.storeDatabase() == null ? config.dataDir() : "the store") + ".";
            }
        } finally {
            Arrays.fill(password, '\0');
        }
    }


    private static String apply(Change change, Username name, Accounts accounts, ServerConfig config, char[] password)
            throws IOException {
        String operator = config.operators().contains(name.key()) ? " (an operator, as --operators lists it)" : "";
        if (change == Change.ADD) {
            if (!accounts.register(name.value(), password)) {
                throw new IOException(name + " has an account already; --set-password " + name + " changes its password");
            }
            return "Made the account " + name + operator;
        }
        if (!accounts.changePassword(name.value(), password)) {
            throw new IOException(name + " has no account; --add-account " + name + " makes it");
        }
        return "Set the password of " + name + operator;
    }

    private static char[] askTwice(Username name, PasswordSource source, ServerConfig config) throws IOException {
        char[] first = source.read("Password for " + name + ": ");
        char[] second = first == null ? null : source.read("The same again: ");
        if (first == null || second == null) {
            throw new IOException("no password given; nothing changed");
        }
        try {
            if (!Arrays.equals(first, second)) {
                throw new IOException("the two passwords differ; nothing changed");
            }
            String rule = AccountCommands.passwordRule(new String(first), config);
            if (rule != null) {
                throw new IOException("a password is " + rule + "; nothing changed");
            }
            return first;
        } finally {
            Arrays.fill(second, '\0');
        }
    }
}
