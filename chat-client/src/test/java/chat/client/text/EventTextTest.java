package chat.client.text;

import static org.assertj.core.api.Assertions.assertThat;

import chat.common.protocol.ServerEvent;
import java.time.Instant;
import java.util.List;
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
    void wordsNoticesAsIrcClientsShowThem() {
        text.setMe("bob");
        ServerEvent notice = new ServerEvent.InRoom("#dev", new ServerEvent.Notice("ci", "build 812: green"));
        assertThat(text.words(notice)).isEqualTo("[#dev] -ci- build 812: green");
        assertThat(text.words(notice).substring(text.lead(notice).length())).isEqualTo("build 812: green");
        assertThat(text.person(notice)).isEqualTo("ci");
        assertThat(text.tone(notice)).isEqualTo(Tone.NOTICE);
        assertThat(text.tone(new ServerEvent.Notice("bob", "mine"))).isEqualTo(Tone.MINE);
        ServerEvent toMe = new ServerEvent.PrivateNotice("ci", "bob", "yours: green");
        assertThat(text.words(toMe)).isEqualTo("-ci- -> you: yours: green");
        assertThat(text.words(toMe).substring(text.lead(toMe).length())).isEqualTo("yours: green");
        assertThat(text.tone(toMe)).isEqualTo(Tone.PRIVATE);
        assertThat(text.wantsAttention(toMe)).isTrue();
        ServerEvent mine = new ServerEvent.PrivateNotice("bob", "ci", "thanks: noted");
        assertThat(text.words(mine)).isEqualTo("-> -ci- thanks: noted");
        assertThat(text.words(mine).substring(text.lead(mine).length())).isEqualTo("thanks: noted");
        assertThat(text.person(mine)).isEqualTo("ci");
        assertThat(text.wantsAttention(mine)).isFalse();
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
    void aTopicWithoutTextSaysItWasTakenAway() {
        assertThat(text.words(new ServerEvent.Topic("alice", "release on Friday"))).isEqualTo("* Topic (set by alice): release on Friday");
        assertThat(text.words(new ServerEvent.Topic("alice", ""))).isEqualTo("* Topic taken away by alice");
        assertThat(text.words(new ServerEvent.InRoom("#dev", new ServerEvent.Topic("alice", "")))).endsWith("* Topic taken away by alice");
    }

    @Test
    void dropsWhatCouldHideOrReorderText() {
        assertThat(text.words(new ServerEvent.Msg("alice", "a\u202Eb\u200Bc"))).isEqualTo("<alice> abc");
    }

    @Test
    void marksARoomsLineWithItsRoomAndWordsTheRoomLines() {
        text.setMe("bob");
        ServerEvent said = new ServerEvent.InRoom("#dev", new ServerEvent.Msg("alice", "hi bob"));
        assertThat(text.words(said)).isEqualTo("[#dev] <alice> hi bob");
        assertThat(text.person(said)).isEqualTo("alice");
        assertThat(text.tone(said)).isEqualTo(Tone.MENTION);
        assertThat(text.words(said).substring(text.lead(said).length())).isEqualTo("hi bob");
        assertThat(text.words(new ServerEvent.InRoom("#dev", new ServerEvent.Join("carol", "-")))).isEqualTo("[#dev] * carol joined");
        assertThat(text.words(new ServerEvent.Room("#ops", 2, true, "on call"))).isEqualTo("* #ops (2, invite-only): on call");
        assertThat(text.words(new ServerEvent.Members("#dev", List.of("alice", "bob"), List.of("alice"))))
                .isEqualTo("* In #dev (2): @alice, bob");
        assertThat(text.words(new ServerEvent.Members("#dev", List.of("alice", "bob", "carol"), List.of("alice"), List.of("bob"))))
                .isEqualTo("* In #dev (3): @alice, +bob, carol");
        ServerEvent invite = new ServerEvent.Invite("alice", "#ops");
        assertThat(text.words(invite)).isEqualTo("* alice invites you to #ops: /join #ops");
        assertThat(text.wantsAttention(invite)).isTrue();
    }
}
