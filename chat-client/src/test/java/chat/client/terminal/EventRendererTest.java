package chat.client.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import chat.client.text.Tone;
import chat.common.protocol.ErrorCode;
import chat.common.protocol.ServerEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventRendererTest {
    private final EventRenderer renderer =
            new EventRenderer(Clock.fixed(Instant.parse("2026-01-01T14:02:30Z"), ZoneOffset.UTC));

    @Test
    void rendersMessagesAsPeopleReadThem() {
        renderer.setMe("bob");
        assertThat(renderer.render(new ServerEvent.Msg("alice", "hello"))).isEqualTo("[14:02] <alice> hello");
        assertThat(renderer.render(new ServerEvent.Join("carol", "10.0.0.7")))
                .isEqualTo("[14:02] * carol joined from 10.0.0.7");
        assertThat(renderer.render(new ServerEvent.Join("dave", "-"))).isEqualTo("[14:02] * dave joined");
        assertThat(renderer.render(new ServerEvent.Action("carol", "waves"))).isEqualTo("[14:02] * carol waves");
        assertThat(renderer.render(new ServerEvent.Limits(2.5, 10, 20, 4096)))
                .isEqualTo("[14:02] * Limits: 2.5 lines a second after a burst of 10; lines up to 4096 bytes");
        assertThat(renderer.render(new ServerEvent.Leave("carol", "quit"))).isEqualTo("[14:02] * carol left (quit)");
        assertThat(renderer.render(new ServerEvent.Users(List.of("alice", "bob"))))
                .isEqualTo("[14:02] * Online (2): alice, bob");
        assertThat(renderer.render(new ServerEvent.Error(ErrorCode.NO_SUCH_USER, "ghost is not online")))
                .isEqualTo("[14:02] ! Error: ghost is not online");
        assertThat(renderer.render(new ServerEvent.Bye("server shutting down")))
                .isEqualTo("[14:02] * Disconnected: server shutting down");
    }

    @Test
    void rendersPrivateMessagesFromTheReadersSide() {
        renderer.setMe("bob");
        assertThat(renderer.render(new ServerEvent.Private("alice", "bob", "hi")))
                .isEqualTo("[14:02] *alice* -> you: hi");
        assertThat(renderer.render(new ServerEvent.Private("bob", "alice", "hi back")))
                .isEqualTo("[14:02] -> *alice*: hi back");
        assertThat(renderer.render(new ServerEvent.Private("bob", "bob", "note to self")))
                .isEqualTo("[14:02] *bob* -> you: note to self");
    }

    @Test
    void givesEachKindOfLineItsTone() {
        renderer.setMe("bob");
        assertThat(renderer.tone(new ServerEvent.Msg("alice", "hi"))).isEqualTo(Tone.PLAIN);
        assertThat(renderer.tone(new ServerEvent.Msg("BOB", "hi"))).isEqualTo(Tone.MINE);
        assertThat(renderer.tone(new ServerEvent.Private("alice", "bob", "hi"))).isEqualTo(Tone.PRIVATE);
        assertThat(renderer.tone(new ServerEvent.Error(ErrorCode.NO_SUCH_USER, "x"))).isEqualTo(Tone.ERROR);
        assertThat(renderer.tone(new ServerEvent.Join("carol", "::1"))).isEqualTo(Tone.NOTICE);
    }

    @Test
    void neverPrintsControlCharactersEvenFromAHostileServer() {
        assertThat(renderer.renderUnreadable("EVIL \u001b[2J\u009b31m")).isEqualTo("[14:02] ? EVIL [2J31m");
        assertThat(renderer.render(new ServerEvent.Info("\u001b]0;title\u0007x"))).isEqualTo("[14:02] * ]0;titlex");
    }

    @Test
    void yourNameSaidByOthersWantsYourAttention() {
        renderer.setMe("bob");
        assertThat(renderer.tone(new ServerEvent.Msg("alice", "hey Bob, lunch?"))).isEqualTo(Tone.MENTION);
        assertThat(renderer.wantsAttention(new ServerEvent.Msg("alice", "hey Bob, lunch?"))).isTrue();
        assertThat(renderer.wantsAttention(new ServerEvent.Msg("alice", "bobby and bob_2 are here"))).isFalse();
        assertThat(renderer.wantsAttention(new ServerEvent.Msg("bob", "I am bob"))).isFalse(); // yourself
        assertThat(renderer.wantsAttention(new ServerEvent.Private("alice", "bob", "psst"))).isTrue();
        assertThat(renderer.wantsAttention(new ServerEvent.Private("bob", "alice", "psst"))).isFalse();
    }
}
