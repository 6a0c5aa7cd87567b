package chat.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsernameTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "alice", "Bob_2", "x.y-z", "A2345678901234567890"})
    void acceptsDocumentedNames(String name) {
        assertThat(Username.parse(name)).hasValue(new Username(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "al ice", "alice!", "é", "a\u001b", "A23456789012345678901", "ali\tce"})
    void rejectsOtherNames(String name) {
        assertThat(Username.parse(name)).isEmpty();
        assertThatThrownBy(() -> new Username(name)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNameLongerThan20() {
        assertThat(Username.isValid("a".repeat(20))).isTrue();
        assertThat(Username.isValid("a".repeat(21))).isFalse();
    }

    @Test
    void comparesCaseInsensitivelyByKey() {
        assertThat(new Username("Alice").key()).isEqualTo(new Username("aLICE").key());
        assertThat(new Username("Alice").value()).isEqualTo("Alice");
    }

    @Test
    void lookAlikesShareOneSkeletonAndOtherNamesDoNot() {
        String alice = Username.skeleton("alice");
        for (String lookalike : List.of("aIice", "a1ice", "ALICE", "alIce", "aiice")) {
            assertThat(Username.skeleton(lookalike)).as(lookalike).isEqualTo(alice);
        }
        assertThat(Username.skeleton("rnallory")).isEqualTo(Username.skeleton("mallory"));
        assertThat(Username.skeleton("vvendy")).isEqualTo(Username.skeleton("wendy"));
        assertThat(Username.skeleton("b0b")).isEqualTo(Username.skeleton("BOB"));
        for (String other : List.of("alicia", "alice2", "al.ice", "al_ice", "bob")) {
            assertThat(Username.skeleton(other)).as(other).isNotEqualTo(alice);
        }
    }

    @Test
    void everySpellingOfASkeletonIsFoundAndTooManyAreNotTried() {
        assertThat(Username.keysOf(Username.skeleton("aIice"), 256))
                .containsExactlyInAnyOrder("allce", "alice", "al1ce", "ailce", "aiice", "ai1ce", "a1lce", "a1ice", "a11ce");
        assertThat(Username.keysOf(Username.skeleton("mo"), 256)).containsExactlyInAnyOrder("mo", "m0", "rno", "rn0");
        assertThat(Username.keysOf(Username.skeleton("lllllll"), 256)).as("3^7 spellings").isNull();
        assertThat(Username.keysOf(Username.skeleton("bob"), 256)).allMatch(k -> Username.skeleton(k).equals(Username.skeleton("bob")));
    }
}
