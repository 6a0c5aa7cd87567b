package chat.client.text;

import static org.assertj.core.api.Assertions.assertThat;

import chat.common.protocol.ServerEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventTextTest {
    private final EventText text = new EventText();

    @Test
    void namesThePersonALineIsAboutAndWhereItsTextStarts() {
        text.setMe("bob");
        ServerEvent msg = new ServerEvent.Msg("alice", "hello");
        assertThat(text.person(msg)).isEqualTo("alice");
        assertThat(text.words(msg).substring(text.lead(msg).length())).isEqualTo("hello");
        ServerEvent mine = new ServerEvent.Private("bob", "carol", "psst");
        assertThat(text.person(mine)).isEqualTo("carol");
        assertThat(text.words(mine).substring(text.lead(mine).length())).isEqualTo("psst");
        assertThat(text.person(new ServerEvent.Leave("dave", "quit"))).isEqualTo("dave");
        assertThat(text.person(new ServerEvent.Info("x"))).isNull();
    }

    @Test
    void marksALineSaidBeforeLoginAsEarlier() {
        ServerEvent history = new ServerEvent.History(Instant.parse("2026-12-01T06:10:00Z"), new ServerEvent.Msg("alice", "hello"));
        assertThat(text.words(history)).startsWith("[earlier ").endsWith("] <alice> hello");
        assertThat(text.person(history)).isEqualTo("alice");
        assertThat(text.words(history).substring(text.lead(history).length())).isEqualTo("hello");
        assertThat(text.tone(history)).isEqualTo(Tone.NOTICE);
    }

    @Test
    void dropsWhatCouldHideOrReorderText() {
        assertThat(text.words(new ServerEvent.Msg("alice", "a\u202Eb\u200Bc"))).isEqualTo("<alice> abc");
    }
}
