package chat.server.roster;

import static org.assertj.core.api.Assertions.assertThat;

import chat.common.protocol.ServerEvent;
import chat.common.protocol.Username;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class RosterTest {
    private final Roster roster = new LocalRoster(100, 0);

    /** A member whose outbox is drained into a byte array by {@link #received}. */
    private record Probe(Roster.Member member, ByteArrayOutputStream out) {}

    private static Probe probe(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Outbox outbox = new Outbox(out, 100, 100_000, new byte[0], () -> {}, () -> {});
        return new Probe(new Roster.Member(new Username(name), outbox, null), out);
    }

    private static String received(Probe probe) throws InterruptedException {
        probe.member().outbox().finish(null);
        probe.member().outbox().drain();
        assertThat(probe.member().outbox().awaitDone(10, TimeUnit.SECONDS)).isTrue();
        return probe.out().toString(StandardCharsets.UTF_8);
    }

    private boolean join(Probe probe) {
        return join(roster, probe);
    }

    private static boolean join(Roster roster, Probe probe) {
        String name = probe.member().name().value();
        ServerEvent.Join join = new ServerEvent.Join(name, "127.0.0.1");
        return roster.tryJoin(probe.member(), new ServerEvent.Welcome(name, "hi"), join, join);
    }

    @Test
    void namesAreUniqueIgnoringCase() {
        assertThat(join(probe("Alice"))).isTrue();
        assertThat(join(probe("aLICE"))).isFalse();
        assertThat(roster.names()).containsExactly("Alice");
        assertThat(roster.find("ALICE").name().value()).isEqualTo("Alice");
    }

    /**
     * A list made before a join went out is not sent after it (a node's names come from Redis, its joins from
     * the stream: ClusterRoster.listTo asks again); one made after is.
     */
    @Test
    void aListMadeBeforeAJoinWentOutIsNotSentAfterIt() throws InterruptedException {
        LocalRoster local = new LocalRoster(100, 0);
        Probe alice = probe("alice");
        join(local, alice);
        long seen = local.joinsAndLeaves();
        byte[] stale = "USERS alice\n".getBytes(StandardCharsets.UTF_8);
        join(local, probe("bob"));
        assertThat(local.offerIfNone(alice.member(), stale, seen)).isFalse();
        long now = local.joinsAndLeaves();
        assertThat(local.offerIfNone(alice.member(), "USERS alice bob\n".getBytes(StandardCharsets.UTF_8), now)).isTrue();
        local.listTo(alice.member());
        assertThat(received(alice)).isEqualTo("WELCOME alice hi\nJOIN alice 127.0.0.1\nJOIN bob 127.0.0.1\nUSERS alice bob\n"
                + "USERS alice bob\n");
    }

    @Test
    void joinWelcomesThenAnnouncesToEveryoneIncludingTheNewcomer() throws InterruptedException {
        Probe alice = probe("alice");
        Probe bob = probe("bob");
        join(alice);
        join(bob);
        roster.say(bob.member(), List.of(new ServerEvent.Msg("bob", "hello")));
        assertThat(received(bob)).isEqualTo("WELCOME bob hi\nJOIN bob 127.0.0.1\nMSG bob hello\n");
        assertThat(received(alice))
                .isEqualTo("WELCOME alice hi\nJOIN alice 127.0.0.1\nJOIN bob 127.0.0.1\nMSG bob hello\n");
    }

    @Test
    void aSilencedMemberSaysNothingNotEvenToTheHistory() throws InterruptedException {
        LocalRoster withHistory = new LocalRoster(100, 10);
        Probe alice = probe("alice");
        Probe mallory = probe("mallory");
        join(withHistory, alice);
        join(withHistory, mallory);
        withHistory.say(mallory.member(), List.of(new ServerEvent.Msg("mallory", "before")));
        mallory.member().standing().silence(); // as a ban does, before it purges
        withHistory.purge("mallory");
        withHistory.say(mallory.member(), List.of(new ServerEvent.Msg("mallory", "read before the ban, said after")));
        assertThat(received(alice)).endsWith("MSG mallory before\n");
        Probe carol = probe("carol");
        join(withHistory, carol);
        assertThat(received(carol)).doesNotContain("mallory");
    }

    @Test
    void leaveRemovesAndTellsOnlyThoseWhoRemain() throws InterruptedException {
        Probe alice = probe("alice");
        Probe bob = probe("bob");
        join(alice);
        join(bob);
        roster.leave(bob.member(), new ServerEvent.Leave("bob", "quit"), false);
        roster.leave(bob.member(), new ServerEvent.Leave("bob", "twice"), false);
        assertThat(roster.names()).containsExactly("alice");
        assertThat(received(alice)).endsWith("LEAVE bob quit\n").doesNotContain("twice");
        assertThat(received(bob)).doesNotContain("LEAVE");
    }

    @Test
    void aboveTheAnnounceLimitOnlyTheNewcomerSeesItsJoin() throws InterruptedException {
        Roster small = new LocalRoster(2, 0);
        Probe alice = probe("alice");
        Probe bob = probe("bob");
        Probe carol = probe("carol");
        for (Probe p : new Probe[] {alice, bob, carol}) {
            String name = p.member().name().value();
            ServerEvent.Join join = new ServerEvent.Join(name, "127.0.0.1");
            small.tryJoin(p.member(), new ServerEvent.Welcome(name, "hi"), join, join);
        }
        small.leave(carol.member(), new ServerEvent.Leave("carol", "quit"), false);
        small.leave(bob.member(), new ServerEvent.Leave("bob", "quit"), false);
        assertThat(small.names()).containsExactly("alice");
        assertThat(received(carol)).isEqualTo("WELCOME carol hi\nJOIN carol 127.0.0.1\n");
        assertThat(received(alice))
                .isEqualTo("WELCOME alice hi\nJOIN alice 127.0.0.1\nJOIN bob 127.0.0.1\nLEAVE bob quit\n");
    }

    @Test
    void operatorsGetTheJoinWithTheAddress() throws InterruptedException {
        Probe op = probe("op");
        op.member().standing().identified(true);
        Probe bob = probe("bob");
        join(op);
        roster.tryJoin(bob.member(), new ServerEvent.Welcome("bob", "hi"), new ServerEvent.Join("bob", "-"),
                new ServerEvent.Join("bob", "10.0.0.7"));
        assertThat(received(op)).endsWith("JOIN bob 10.0.0.7\n");
        assertThat(received(bob)).isEqualTo("WELCOME bob hi\nJOIN bob -\n");
    }

    @Test
    void aModeratedLeaveIsAnnouncedAboveTheLimitToo() throws InterruptedException {
        Roster small = new LocalRoster(1, 0);
        Probe alice = probe("alice");
        Probe bob = probe("bob");
        for (Probe p : new Probe[] {alice, bob}) {
            String name = p.member().name().value();
            ServerEvent.Join join = new ServerEvent.Join(name, "127.0.0.1");
            small.tryJoin(p.member(), new ServerEvent.Welcome(name, "hi"), join, join);
        }
        small.leave(bob.member(), new ServerEvent.Leave("bob", "kicked by alice"), true);
        assertThat(received(alice)).endsWith("LEAVE bob kicked by alice\n");
    }

    @Test
    void listsNamesSortedIgnoringCase() {
        join(probe("carol"));
        join(probe("Bob"));
        join(probe("alice"));
        assertThat(roster.names()).containsExactly("alice", "Bob", "carol");
    }
}
