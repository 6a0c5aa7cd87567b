package chat.client.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TabCompletionTest {
    private final TabCompletion completion = new TabCompletion();
    private final List<String> names = List.of("alice", "Albert", "bob");

    @Test
    void aNameAtTheStartIsAddressedAndOneLaterIsJustCompleted() {
        assertThat(completion.complete("bo", 2, names)).isEqualTo(new TabCompletion.Result("bob: ", 5));
        assertThat(completion.complete("hi bo and", 5, names)).isEqualTo(new TabCompletion.Result("hi bob and", 7));
    }

    @Test
    void tabAgainOffersTheNextMatchIgnoringCase() {
        TabCompletion.Result first = completion.complete("/msg AL", 7, names);
        assertThat(first.text()).isEqualTo("/msg alice ");
        TabCompletion.Result second = completion.complete(first.text(), first.caret(), names);
        assertThat(second.text()).isEqualTo("/msg Albert ");
        assertThat(completion.complete(second.text(), second.caret(), names).text()).isEqualTo("/msg alice ");
    }

    @Test
    void aFirstWordWithASlashCompletesToACommand() {
        assertThat(completion.complete("/li", 3, names).text()).isEqualTo("/list ");
        assertThat(completion.complete("x /li", 5, names)).isNull(); // not first: no name starts with /li
    }

    @Test
    void nothingMatchingChangesNothing() {
        assertThat(completion.complete("zed", 3, names)).isNull();
    }

    @Test
    void aWordWithAHashCompletesToARoomWithoutAddressingIt() {
        List<String> withRooms = List.of("alice", "bob", "#dev", "#design");
        assertThat(completion.complete("/join #dev", 10, withRooms).text()).isEqualTo("/join #dev ");
        assertThat(completion.complete("#des", 4, withRooms).text()).isEqualTo("#design ");
        assertThat(completion.complete("/to #x", 6, withRooms)).isNull();
    }
}
