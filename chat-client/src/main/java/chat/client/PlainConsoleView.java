package chat.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Plain UTF-8 lines in and out, no prompts: for pipes, scripts and tests. */
final class PlainConsoleView implements ConsoleView {
    private final BufferedReader in;
    private final PrintStream out;

    PlainConsoleView(InputStream in, PrintStream out) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
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
        try {
            return in.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public boolean isInteractive() {
        return false;
    }

    @Override
    public void close() {
        out.flush();
    }
}
