package chat.server;

import chat.common.protocol.Username;
import chat.server.config.ServerConfig;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;

/** Accounts made as an administrator makes them, on the console ({@link AccountConsole}), before a test's server starts. */
final class TestAccounts {
    private TestAccounts() {}

    /** Makes {@code name}'s account with {@code password} where {@code config} keeps accounts (its data directory or Redis). */
    static void make(ServerConfig config, String name, String password) throws IOException {
        AccountConsole.run(AccountConsole.Change.ADD, Username.parse(name).orElseThrow(), config, given(password, password));
    }

    /** A source that gives {@code passwords} in turn, then the end of input. */
    static AccountConsole.PasswordSource given(String... passwords) {
        Iterator<String> next = List.of(passwords).iterator();
        return prompt -> next.hasNext() ? next.next().toCharArray() : null;
    }
}
