package chat.client.terminal;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

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

    @Override
    public String readLine(String prompt) {
        if (interactive && !prompt.endsWith("> ")) {
            synchronized (out) {
                out.print(prompt); // questions only ("Username: ", "[y/N] "): a chat prompt would be torn by arriving lines
                out.flush();
            }
        }
        try {
            return in.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public String readPassword(String prompt) {
        Console console = interactive ? System.console() : null;
        if (console == null) {
            return readLine(prompt); // a pipe: nothing is shown anyway
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
