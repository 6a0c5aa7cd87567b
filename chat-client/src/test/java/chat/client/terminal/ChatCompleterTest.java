package chat.client.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.Test;

class ChatCompleterTest {
    private final ChatCompleter completer = new ChatCompleter();

    private List<String> complete(String buffer) {
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(null, new DefaultParser().parse(buffer, buffer.length()), candidates);
        return candidates.stream().map(Candidate::value).toList();
    }

    @Test
    void completesCommandsInTheFirstWord() {
        assertThat(complete("/m")).contains("/msg", "/me", "/list");
    }

    @Test
    void completesNamesOfPeopleOnline() {
        completer.names(() -> List.of("alice", "Bob"));
        assertThat(complete("/msg al")).containsExactly("alice", "Bob");
        assertThat(complete("hi b")).containsExactly("alice", "Bob");
        assertThat(complete("al")).containsExactly("alice", "Bob"); // JLine filters by the typed prefix
    }

    @Test
    void completesRoomsAfterAHash() {
        completer.names(() -> List.of("alice"));
        completer.rooms(() -> List.of("#dev", "#general"));
        assertThat(complete("/join #d")).containsExactly("#dev", "#general");
        assertThat(complete("/to #")).containsExactly("#dev", "#general");
        assertThat(complete("/msg a")).containsExactly("alice");
    }
}
