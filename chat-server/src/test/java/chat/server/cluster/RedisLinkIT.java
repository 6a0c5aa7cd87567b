package chat.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import chat.common.protocol.EventCodec;
import chat.common.protocol.ServerEvent;
import chat.server.RedisProcess;
import chat.server.config.ClusterConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The scripts that change who holds which name, against a real {@code redis-server}, where a request can be
 * applied although its answer never came back: asking again must do no harm.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class RedisLinkIT {
    private static final int ANNOUNCE_LIMIT = 100;
    private static final HeldName BOB = new HeldName("bob", "Bob", "LEAVE Bob node gone\n", "JOIN Bob -\n", "JOIN Bob 127.0.0.1\n"); // as a node writes them

    private RedisProcess redis;
    private RedisLink link;

    @BeforeEach
    void start() throws Exception {
        redis = RedisProcess.start();
        link = new RedisLink(ClusterConfig.of(redis.uri(), Duration.ofSeconds(3), 0));
    }

    @AfterEach
    void stop() throws Exception {
        link.close();
        redis.close();
    }

    @Test
    void registeringTheSameNamesAgainRefusesNoneAndAnnouncesNoJoinTwice() {
        List<String> first = link.register("node-a", "epoch-1", true, ANNOUNCE_LIMIT, List.of(BOB));
        List<String> again = link.register("node-a", "epoch-2", true, ANNOUNCE_LIMIT, List.of(BOB)); // first answer lost

        assertThat(first).containsExactly("epoch-1");
        assertThat(again).as("same epoch, nothing refused").containsExactly("epoch-1");
        assertThat(joins()).hasSize(1);
        assertThat(link.holder("bob")).isEqualTo("Bob");
        assertThat(link.register("node-b", "epoch-3", false, ANNOUNCE_LIMIT, List.of(BOB)))
                .as("another node is still refused").containsExactly("epoch-1", "bob");
    }

    @Test
    void freeingANameOnlyFreesItForTheNodeThatHoldsIt() {
        link.register("node-a", "epoch-1", false, ANNOUNCE_LIMIT, List.of());
        assertThat(link.claim("node-a", BOB, ANNOUNCE_LIMIT)).isEqualTo(1);

        assertThat(link.free("node-b", BOB, ANNOUNCE_LIMIT)).as("not node-b's").isFalse();
        assertThat(link.holder("bob")).isEqualTo("Bob");
        assertThat(link.free("node-a", BOB, ANNOUNCE_LIMIT)).isTrue();
        assertThat(link.holder("bob")).isNull();
        assertThat(link.free("node-a", BOB, ANNOUNCE_LIMIT)).as("freed already").isFalse();

        List<StreamRecord> records = link.newest(10).stream().map(RedisLink.Entry::record).toList();
        assertThat(records).hasSize(2);
        assertThat(records.get(0)).isInstanceOf(StreamRecord.Joined.class);
        assertThat(records.get(1)).isEqualTo(new StreamRecord.Left("bob", BOB.leaveLine(), true));
        assertThat(link.register("node-b", "epoch-2", false, ANNOUNCE_LIMIT, List.of(BOB))).as("free for others")
                .containsExactly("epoch-1");
    }

    @Test
    void aHeartbeatCountsTheNodesAliveAndTheMembersOnline() {
        link.register("node-a", "epoch-1", false, ANNOUNCE_LIMIT, List.of(BOB));
        link.register("node-b", "epoch-1", false, ANNOUNCE_LIMIT, List.of());

        RedisLink.BeatResult beat = link.beat("node-a", "epoch-1", ANNOUNCE_LIMIT);
        assertThat(beat).isEqualTo(new RedisLink.BeatResult(RedisLink.Beat.OK, 1, 2));

        link.retire("node-b", ANNOUNCE_LIMIT);
        assertThat(link.beat("node-a", "epoch-1", ANNOUNCE_LIMIT).nodes()).as("node-b gone: the reader gathers no more").isEqualTo(1);
    }

    @Test
    void aReadThatDoesNotWaitAnswersAtOnceWithWhatCameAfterTheGivenEntry() {
        link.register("node-a", "epoch-1", false, ANNOUNCE_LIMIT, List.of());
        long start = System.nanoTime();
        assertThat(link.read("0-0", 10, false)).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a waiting read would block 1 s").isLessThan(Duration.ofMillis(900));

        link.claim("node-a", BOB, ANNOUNCE_LIMIT);
        List<RedisLink.Entry> first = link.read("0-0", 10, true);
        assertThat(first).hasSize(1);
        assertThat(link.read(first.get(0).id(), 10, false)).as("nothing after the join").isEmpty();
        link.free("node-a", BOB, ANNOUNCE_LIMIT);
        assertThat(link.read(first.get(0).id(), 10, false)).extracting(RedisLink.Entry::record)
                .containsExactly(new StreamRecord.Left("bob", BOB.leaveLine(), true));
    }

    @Test
    void everyRecordANodePublishesReadsBackAsItself() {
        link.register("node-a", "epoch-1", false, ANNOUNCE_LIMIT, List.of());
        link.claim("node-a", BOB, ANNOUNCE_LIMIT); // a leave is appended only for a name its node holds
        String join = link.read("0-0", 10, false).get(0).id();
        List<StreamRecord> published = List.of(
                new StreamRecord.Said(0, line(new ServerEvent.Msg("Bob", "hello there"))),
                new StreamRecord.Left("bob", BOB.leaveLine(), true),
                new StreamRecord.Whisper("alice", "bob", line(new ServerEvent.Private("Alice", "Bob", "psst"))),
                new StreamRecord.Notice(line(new ServerEvent.Info("maintenance at noon"))),
                new StreamRecord.Removed("bob", "kicked by alice"),
                new StreamRecord.Asked("alice", "bob", true),
                new StreamRecord.Guessed("node-a", "bob", false),
                new StreamRecord.Purged("bob"),
                new StreamRecord.Held("bob"));
        link.publish("node-a", 1, ANNOUNCE_LIMIT, published);

        List<StreamRecord> records = link.read(join, 20, false).stream().map(RedisLink.Entry::record).toList();
        assertThat(records.get(0)).isInstanceOfSatisfying(StreamRecord.Said.class, s -> assertThat(s.speaker()).isEqualTo("Bob"));
        List<StreamRecord> read = records.stream() // a line's time is Redis's clock, its speaker read from the line
                .map(r -> r instanceof StreamRecord.Said said ? new StreamRecord.Said(0, said.line()) : r)
                .toList();
        assertThat(read).isEqualTo(published);
    }

    private static String line(ServerEvent event) {
        return EventCodec.encode(event) + "\n";
    }

    private List<StreamRecord> joins() {
        return link.newest(10).stream().map(RedisLink.Entry::record).filter(StreamRecord.Joined.class::isInstance).toList();
    }
}
