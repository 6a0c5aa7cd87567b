package chat.client.terminal;

import chat.client.core.Paste;
import chat.client.text.Tone;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.keymap.KeyMap;
import org.jline.reader.Binding;
import org.jline.reader.Buffer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Reference;
import org.jline.reader.UserInterruptException;
import org.jline.reader.Widget;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.jline.utils.InfoCmp;
import org.jline.utils.Status;

/**
 * A terminal with an editable input line (history, cursor keys) that stays intact at the bottom: arriving
 * lines are printed above it with {@link LineReader#printAbove}.
 */
public final class JLineConsoleView implements ConsoleView {
    private final Terminal terminal;
    private final LineReader reader;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final boolean colour;

    private final HistoryFile history;
    private final KeptLines kept = new KeptLines();
    private final List<String> added = new ArrayList<>(); // the reading thread's: this run's lines, for the file
    private volatile boolean chatLine; // a chat line is being read (not an answer): an unmarked paste is told
    private volatile String carried; // what was typed when a window key was pressed: the next input line's start
    private final List<String> pasted = new ArrayList<>(); // the reading thread's: lines of a paste so far
    private static final String STATUS_WIDGET = "chat-status";
    private static final String PROMPT_WIDGET = "chat-prompt";
    private volatile List<AttributedString> statusRows = List.of();
    private volatile String nextPrompt; // the prompt the line being read is to show now
    /** JLine's mask that shows nothing at all of what is typed. */
    private static final Character NO_ECHO = '\0';

    JLineConsoleView(Terminal terminal, boolean colour, ChatCompleter completer, HistoryFile history) {
        this.terminal = terminal;
        this.colour = colour;
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("chat")
                .completer(completer)
                // the server echoes every line back, so the typed copy would show twice
                .option(LineReader.Option.ERASE_LINE_ON_FINISH, true)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // '!' is text, not history
                .history(kept)
                .build();
        this.history = history;
        history.load().forEach(kept::keep);
        detectUnmarkedPastes();
        bindWindowKeys();
        reader.getWidgets().put(STATUS_WIDGET, () -> {
            Status status = Status.getStatus(terminal);
            if (status != null) {
                status.update(statusRows);
            }
            return true;
        });
        // a prompt given while a chat line's read was starting (after it took its prompt, before prompt() could
        // reach it: JLine calls this under its lock, reading already) is the one that read shows
        reader.getWidgets().put(LineReader.CALLBACK_INIT, () -> {
            if (chatLine && reader instanceof LineReaderImpl impl && nextPrompt != null) {
                impl.setPrompt(nextPrompt);
            }
            return true;
        });
        reader.getWidgets().put(PROMPT_WIDGET, () -> {
            if (reader instanceof LineReaderImpl impl && nextPrompt != null) {
                impl.setPrompt(nextPrompt);
                reader.callWidget(LineReader.REDISPLAY); // the input line as it differs from what is shown
            }
            return true;
        });
    }

    @Override
    public boolean clears() {
        return !Terminal.TYPE_DUMB.equals(terminal.getType()) && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
    }

    @Override
    public void clear() {
        if (reader.isReading()) {
            try {
                reader.callWidget(LineReader.CLEAR_SCREEN); // clears, and the status and the input line are drawn again:
                reader.callWidget(LineReader.REDISPLAY); // now, so that lines printed next go above them
                return;
            } catch (IllegalStateException e) {
                // the read ended meanwhile: nothing is being drawn
            }
        }
        terminal.puts(InfoCmp.Capability.clear_screen);
        terminal.flush();
        Status status = Status.getStatus(terminal, false);
        if (status != null) {
            status.reset();
            status.update(statusRows);
        }
    }

    @Override
    public void prompt(String prompt) {
        nextPrompt = prompt;
        if (chatLine && reader.isReading()) {
            try {
                reader.callWidget(PROMPT_WIDGET); // under the reader's lock, as the status is
            } catch (IllegalStateException e) {
                // the read ended meanwhile: the next one asks with the new prompt
            }
        }
    }

    /**
     * Enter followed at once by more input (within {@link Paste#DETECT_GAP_MILLIS}) is a line end inside a
     * paste the terminal did not mark (tmux's paste-buffer without -p, a serial console): it goes into the
     * input line, so the whole paste comes back from one read as one text, to be said and never run. A marked
     * (bracketed) paste arrives whole anyway.
     */
    private void detectUnmarkedPastes() {
        if (!(reader instanceof LineReaderImpl impl)) {
            return; // no way to look ahead: every Enter ends a line
        }
        Widget accept = reader.getWidgets().get(LineReader.ACCEPT_LINE);
        reader.getWidgets().put(LineReader.ACCEPT_LINE, () -> {
            Buffer buffer = reader.getBuffer();
            if (chatLine && impl.peekCharacter(Paste.DETECT_GAP_MILLIS) >= 0) {
                pasted.add(buffer.toString()); // kept aside: the input line stays one line, quick to draw
                buffer.clear();
                return true;
            }
            if (!pasted.isEmpty()) {
                pasted.add(buffer.toString());
                buffer.clear();
                buffer.write(String.join("\n", pasted));
                pasted.clear();
            }
            return accept.apply();
        });
    }

    /**
     * Alt+1..9 and Ctrl+N/P (as irssi has them) type {@code /window N}, {@code /window next} or
     * {@code /window prev} for the face to carry out; what was being typed comes back in the next input line.
     */
    private void bindWindowKeys() {
        KeyMap<Binding> main = reader.getKeyMaps().get(LineReader.MAIN);
        for (int n = 1; n <= 9; n++) {
            bindWindowKey(main, "/window " + n, KeyMap.alt(Character.forDigit(n, 10)));
        }
        bindWindowKey(main, "/window next", KeyMap.ctrl('N'));
        bindWindowKey(main, "/window prev", KeyMap.ctrl('P'));
    }

    private void bindWindowKey(KeyMap<Binding> keys, String command, String key) {
        String widget = "chat-" + command.substring(1).replace(' ', '-');
        reader.getWidgets().put(widget, () -> {
            if (!chatLine) {
                return true; // not while a question is answered
            }
            Buffer buffer = reader.getBuffer();
            carried = buffer.toString().isEmpty() ? null : buffer.toString();
            buffer.clear();
            buffer.write(command);
            return reader.getWidgets().get(LineReader.ACCEPT_LINE).apply();
        });
        keys.bind(new Reference(widget), key);
    }

    /** Opens the system terminal, in colour or not; fails if there is none. */
    public static JLineConsoleView open(boolean colour, ChatCompleter completer, HistoryFile history) throws IOException {
        Terminal terminal = TerminalBuilder.builder()
                .system(true)
                .dumb(false)
                .encoding(StandardCharsets.UTF_8)
                .build();
        return new JLineConsoleView(terminal, colour, completer, history);
    }

    @Override
    public void print(String line) {
        reader.printAbove(line);
    }

    @Override
    public void print(String line, Tone tone, int indent) {
        String rows = String.join("\n", LineWrapper.wrap(line, indent, terminal.getWidth()));
        if (!colour) {
            reader.printAbove(rows);
            return;
        }
        reader.printAbove(styled(rows, tone));
    }

    /** The line in its tone, with the sender's name of a public message in that name's own colour. */
    private static AttributedString styled(String rows, Tone tone) {
        AttributedStringBuilder sb = new AttributedStringBuilder();
        int open = rows.indexOf('<');
        int close = rows.indexOf("> ");
        if ((tone == Tone.PLAIN || tone == Tone.MINE) && open == 8 && close > open) {
            sb.styled(style(tone), rows.substring(0, open + 1));
            sb.styled(style(tone).foreground(Colours.of(rows.substring(open + 1, close))), rows.substring(open + 1, close));
            sb.styled(style(tone), rows.substring(close));
        } else {
            sb.styled(style(tone), rows);
        }
        return sb.toAttributedString();
    }

    private static AttributedStyle style(Tone tone) {
        switch (tone) {
            case MINE:
                return AttributedStyle.BOLD;
            case PRIVATE:
                return AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA);
            case NOTICE:
                return AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
            case ERROR:
                return AttributedStyle.BOLD.foreground(AttributedStyle.RED);
            case MENTION:
                return AttributedStyle.BOLD.foreground(AttributedStyle.YELLOW);
            default:
                return AttributedStyle.DEFAULT;
        }
    }

    @Override
    public Interrupts onInterrupt(Runnable action) {
        Terminal.SignalHandler before = terminal.handle(Terminal.Signal.INT, signal -> action.run());
        return () -> terminal.handle(Terminal.Signal.INT, before);
    }

    @Override
    public boolean status(List<String> lines) {
        Status status = Status.getStatus(terminal);
        if (status == null) {
            return false;
        }
        List<AttributedString> rows = new ArrayList<>();
        for (String line : lines) {
            String row = line.length() > terminal.getWidth() - 1 ? line.substring(0, Math.max(0, terminal.getWidth() - 1)) : line;
            rows.add(colour ? new AttributedString(row, style(Tone.NOTICE)) : new AttributedString(row));
        }
        statusRows = rows;
        if (reader.isReading()) {
            try {
                reader.callWidget(STATUS_WIDGET); // under the reader's lock: never in the middle of redrawing the input line
                return true;
            } catch (IllegalStateException e) {
                // the read ended meanwhile: nothing is being drawn, so update directly
            }
        }
        status.update(rows);
        return true;
    }

    @Override
    public void bell() {
        terminal.puts(InfoCmp.Capability.bell);
        terminal.flush();
    }

    @Override
    public String readLine(String prompt) {
        return read(prompt, false, null);
    }

    @Override
    public String readAnswer(String question) {
        String answer = read(question, true, null);
        if (answer != null) {
            reader.printAbove(question + answer); // the input line is erased on Enter; the answer stays in view
        }
        return answer;
    }

    @Override
    public String readPassword(String prompt) {
        String password = read(prompt, true, NO_ECHO);
        if (password != null) {
            reader.printAbove(prompt.stripTrailing()); // that it was asked stays in view; nothing of the answer
        }
        return password;
    }

    /** One line from the person; {@code answer}: to a question, not chat; null at Ctrl+C, Ctrl+D or a closed terminal. */
    private String read(String prompt, boolean answer, Character mask) {
        chatLine = !answer;
        pasted.clear(); // what a read cut short (Ctrl+C) had collected
        String carry = answer ? null : carried;
        carried = null;
        try {
            return reader.readLine(answer || nextPrompt == null ? prompt : nextPrompt, null, mask, carry);
        } catch (UserInterruptException | EndOfFileException e) {
            return null; // Ctrl+C or Ctrl+D: leave
        } catch (RuntimeException e) {
            return null; // the terminal was closed under us while exiting
        }
    }

    @Override
    public void keep(String line) {
        kept.keep(line);
        added.add(line);
    }

    /**
     * JLine's history, holding only what the face keeps: JLine offers every accepted line (a name, a yes, a
     * password included), and which of them are chat history is not its to decide.
     */
    private static final class KeptLines extends DefaultHistory {
        @Override
        public void add(Instant time, String line) {
            // not kept: see keep
        }

        void keep(String line) {
            super.add(Instant.now(), line);
        }
    }

    private void saveHistory() {
        try {
            history.append(added);
        } catch (IOException e) {
            print("! History not saved to " + history.path() + ": " + e.getMessage());
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
        saveHistory();
        Status status = Status.getStatus(terminal, false);
        if (status != null) {
            status.close();
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
