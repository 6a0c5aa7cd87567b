package chat.client.terminal;

import chat.client.core.ChatSession;
import java.util.List;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion at the terminal: a first word starting with {@code /} completes to a command, a word
 * starting with {@code #} to a room the person knows of, any other word to the name of someone online (from
 * the live member list).
 */
public final class ChatCompleter implements Completer {
    private volatile Supplier<List<String>> names = List::of;
    private volatile Supplier<List<String>> rooms = List::of;

    /** Where the names online come from; set once the session exists. */
    public void names(Supplier<List<String>> source) {
        names = source;
    }

    /** Where the rooms known come from; set once the session exists. */
    public void rooms(Supplier<List<String>> source) {
        rooms = source;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        if (line.wordIndex() == 0 && line.word().startsWith("/")) {
            ChatSession.COMMANDS.forEach(c -> candidates.add(new Candidate(c)));
            return;
        }
        for (String name : line.word().startsWith("#") ? rooms.get() : names.get()) {
            candidates.add(new Candidate(name));
        }
    }
}
