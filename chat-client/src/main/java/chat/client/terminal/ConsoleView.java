package chat.client.terminal;

import chat.client.text.Tone;
import java.util.List;
import java.util.Locale;

/**
 * Where the client prints and reads lines. Two kinds: a terminal with an input line that arriving messages
 * never garble, and plain lines for pipes and scripts.
 *
 * <p>{@link #print} may be called from any thread, also while another thread is in {@link #readLine}.
 */
public interface ConsoleView extends AutoCloseable {
    /** Shows one line above whatever is being typed. */
    void print(String line);

    /** Shows one line, standing out as {@code tone} says where the console can show it. */
    default void print(String line, Tone tone) {
        print(line, tone, 0);
    }

    /**
     * Shows one line; where it is wider than the screen, its continuation rows are indented to
     * {@code indent} so that none can pass for a line of its own.
     */
    default void print(String line, Tone tone, int indent) {
        print(line);
    }

    /**
     * Runs {@code action} when the person presses Ctrl+C, until the returned handle is closed (then Ctrl+C
     * does what it did before). Where no person can press it, nothing happens.
     */
    default Interrupts onInterrupt(Runnable action) {
        return () -> { };
    }

    /** A Ctrl+C handler in place; closing it puts the one before back. */
    interface Interrupts extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Shows {@code lines} in a status area below the input line, replacing what was there (empty: none),
     * without disturbing what is being typed; false where the console has no such area.
     */
    default boolean status(List<String> lines) {
        return false;
    }

    /** Draws the person's attention (the terminal bell); nothing where there is no person. */
    default void bell() {}

    /**
     * Whether {@link #clear} works here: a terminal that can show one window at a time. Elsewhere (plain lines,
     * a dumb terminal) every window's lines share one scrollback, each marked with its room.
     */
    default boolean clears() {
        return false;
    }

    /** Clears what is shown above the input line, to show another window's lines there (where {@link #clears}). */
    default void clear() {}

    /**
     * Shows {@code prompt} at once before the chat line being read (where the view can), and before the chat
     * lines read after it, whatever prompt their {@link #readLine} is given: the prompt names the window what is
     * typed goes to, which a line from the server may change while the person types, or between two reads.
     */
    default void prompt(String prompt) {}

    /** Reads what the person types; null at the end of input (Ctrl+D, Ctrl+C, closed pipe). */
    String readLine(String prompt);

    /**
     * A line the person typed at the chat prompt, for their history (Up, and the next run where the view
     * keeps one). The face decides: a line that carries a password is never given.
     */
    default void keep(String line) {}

    /**
     * Reads the answer to a question (a name, yes or no): kept in no history, and left on the screen with its
     * question once answered; null at the end of input.
     */
    default String readAnswer(String question) {
        return readLine(question);
    }

    /** Asks {@code question} with {@code [y/N]}: true only for an answer starting with y. */
    default boolean confirm(String question) {
        String answer = readAnswer(question + " [y/N] ");
        return answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
    }

    /**
     * Reads a password: not shown while typed where a person types it, and kept in no history; null at the
     * end of input.
     */
    String readPassword(String prompt);

    /** Whether a person is at a terminal, so it makes sense to ask again after a mistake. */
    boolean isInteractive();

    /** Gives the terminal back as it was; idempotent. */
    @Override
    void close();
}
