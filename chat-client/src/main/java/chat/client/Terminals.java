package chat.client;

import java.io.Console;
import java.lang.reflect.Method;

/** Tells whether a person is at a terminal: both stdin and stdout are one. */
final class Terminals {
    private Terminals() {}

    static boolean isInteractive() {
        Console console = System.console();
        if (console == null) {
            return false; // Java 17 to 21: stdin or stdout is redirected
        }
        // Java 22+ returns a console even for pipes; isTerminal() tells. It does not exist on 17, hence reflection.
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
