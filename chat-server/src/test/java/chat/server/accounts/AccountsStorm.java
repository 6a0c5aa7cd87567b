package chat.server.accounts;

import java.nio.file.Path;

/**
 * Registers names as fast as it can and prints {@code ack NAME} once each is on disk; AccountsCrashIT
 * kills it with SIGKILL in the middle. Run as its own process.
 */
public final class AccountsStorm {
    private AccountsStorm() {}

    public static void main(String[] args) throws Exception {
        Accounts accounts = Accounts.load(Path.of(args[0]), 1_000);
        for (int i = 0; i < 100_000; i++) {
            String name = "user" + i;
            if (accounts.register(name, ("pw-" + name).toCharArray())) {
                System.out.println("ack " + name);
                System.out.flush();
            }
        }
    }
}
