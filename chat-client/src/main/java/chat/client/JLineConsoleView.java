package chat.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.jline.utils.InfoCmp;

/**
 * A terminal with an editable input line (history, cursor keys) that stays intact at the bottom: arriving
 * lines are printed above it with {@link LineReader#printAbove}.
 */
final class JLineConsoleView implements ConsoleView {
    private final Terminal terminal;
    private final LineReader reader;
    private final AtomicBoolean closed = new AtomicBoolean();

    private JLineConsoleView(Terminal terminal) {
        this.terminal = terminal;
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("chat")
                // the server echoes every line back, so the typed copy would show twice
                .option(LineReader.Option.ERASE_LINE_ON_FINISH, true)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // '!' is text, not history
                .build();
    }

    /** Opens the system terminal; fails if there is none. */
    static JLineConsoleView open() throws IOException {
        Terminal terminal = TerminalBuilder.builder()
                .system(true)
                .dumb(false)
                .encoding(StandardCharsets.UTF_8)
                .build();
        return new JLineConsoleView(terminal);
    }

    @Override
    public void print(String line) {
        reader.printAbove(line);
    }

    @Override
    public void print(String line, EventRenderer.Tone tone) {
        reader.printAbove(new AttributedString(line, style(tone)));
    }

    private static AttributedStyle style(EventRenderer.Tone tone) {
        switch (tone) {
            case MINE:
                return AttributedStyle.BOLD;
            case PRIVATE:
                return AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA);
            case NOTICE:
                return AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
            case ERROR:
                return AttributedStyle.BOLD.foreground(AttributedStyle.RED);
            default:
                return AttributedStyle.DEFAULT;
        }
    }

    @Override
    public String readLine(String prompt) {
        try {
            return reader.readLine(prompt);
        } catch (UserInterruptException | EndOfFileException e) {
            return null; // Ctrl+C or Ctrl+D: leave
        } catch (RuntimeException e) {
            return null; // the terminal was closed under us while exiting
        }
    }

    @Override
    public boolean isInteractive() {
        return true;
    }

    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        if (reader.isReading()) {
            // leave no half-typed prompt behind on the shell's line
            terminal.puts(InfoCmp.Capability.carriage_return);
            terminal.puts(InfoCmp.Capability.clr_eol);
            terminal.flush();
        }
        try {
            terminal.close();
        } catch (IOException e) {
            // nothing more to give back
        }
    }
}
