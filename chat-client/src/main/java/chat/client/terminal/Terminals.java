package chat.client.terminal;

import java.awt.GraphicsEnvironment;
import java.io.Console;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/** Tells whether a person is at a terminal (both stdin and stdout are one), or started the client from a desktop. */
public final class Terminals {
    private Terminals() {}

    public static boolean isInteractive() {
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

    /**
     * Whether the client was most likely started from a desktop (a double-click, a menu entry): no terminal,
     * input from {@code /dev/null}, and a display. A script's pipe is not {@code /dev/null}, so piped input
     * keeps working as before. Told on Linux only, where {@code /proc} shows what stdin is.
     */
    public static boolean startedFromDesktop(boolean interactive) {
        return decideDesktop(interactive, stdinTarget(), () -> GraphicsEnvironment.isHeadless());
    }

    static boolean decideDesktop(boolean interactive, String stdin, BooleanSupplier headless) {
        return !interactive && "/dev/null".equals(stdin) && !headless.getAsBoolean();
    }

    /** What stdin is, as a path ({@code /dev/null}, {@code pipe:[123]}), or null where that cannot be told. */
    private static String stdinTarget() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }
}
