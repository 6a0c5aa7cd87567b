package chat.client.terminal;

import chat.client.core.Paste;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Plain UTF-8 lines in and out: for pipes, scripts and tests, and for a person at a dumb terminal. */
public final class PlainConsoleView implements ConsoleView {
    private final BufferedReader in;
    private final PrintStream out;

    private final boolean interactive;

    /** @param interactive a person at a dumb terminal (prompts shown) rather than a pipe */
    public PlainConsoleView(InputStream in, PrintStream out, boolean interactive) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
        this.interactive = interactive;
    }

    @Override
    public void print(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    /**
     * A chat line. At a terminal, lines that arrive within {@link Paste#DETECT_GAP_MILLIS} of it come back with
     * it, as one paste: a dumb terminal or a serial console does not mark pastes, and nobody types that fast.
     * A pipe's lines are each a line: a script means its {@code quit}.
     */
    @Override
    public String readLine(String prompt) {
        try {
            String line = in.readLine();
            if (line == null || !interactive) {
                return line;
            }
            StringBuilder paste = new StringBuilder(line);
            while (moreWithin(Paste.DETECT_GAP_MILLIS)) {
                String next = in.readLine();
                if (next == null) {
                    break;
                }
                paste.append('\n').append(next);
            }
            return paste.toString();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** A question's answer: the question shown at a terminal (a chat prompt would be torn by arriving lines). */
    @Override
    public String readAnswer(String question) {
        if (interactive) {
            synchronized (out) {
                out.print(question);
                out.flush();
            }
        }
        try {
            return in.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether more input arrives within {@code millis}: polled, as a terminal's input cannot be waited on with a deadline. */
    private boolean moreWithin(long millis) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!in.ready()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }

    @Override
    public String readPassword(String prompt) {
        Console console = interactive ? System.console() : null;
        if (console == null) {
            return readAnswer(prompt); // a pipe: nothing is shown anyway
        }
        synchronized (out) {
            char[] password = console.readPassword("%s", prompt); // the terminal's echo off while typed
            return password == null ? null : new String(password);
        }
    }

    @Override
    public boolean isInteractive() {
        return interactive;
    }

    @Override
    public void close() {
        out.flush();
    }
}
