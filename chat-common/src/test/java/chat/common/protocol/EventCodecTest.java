package chat.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventCodecTest {

    /** One example of every line kind, with the exact line docs/PROTOCOL.md shows for it. */
    static Stream<Object[]> examples() {
        return Stream.of(
                new Object[] {new ServerEvent.Hello(1, "welcome; send a username"), "HELLO 1 welcome; send a username"},
                new Object[] {new ServerEvent.Welcome("alice", "hi alice"), "WELCOME alice hi alice"},
                new Object[] {new ServerEvent.Join("bob", "10.0.0.7"), "JOIN bob 10.0.0.7"},
                new Object[] {new ServerEvent.Leave("bob", "connection closed"), "LEAVE bob connection closed"},
                new Object[] {new ServerEvent.Msg("alice", "hello, world"), "MSG alice hello, world"},
                new Object[] {new ServerEvent.Private("alice", "bob", "psst"), "PRIVATE alice bob psst"},
                new Object[] {new ServerEvent.Action("alice", "waves"), "ACTION alice waves"},
                new Object[] {new ServerEvent.Notice("ci", "build 812 is green"), "NOTICE ci build 812 is green"},
                new Object[] {new ServerEvent.PrivateNotice("ci", "bob", "your build 812 is green"),
                        "PRIVATE_NOTICE ci bob your build 812 is green"},
                new Object[] {new ServerEvent.Users(List.of("alice", "bob")), "USERS alice bob"},
                new Object[] {new ServerEvent.Info("/list shows who is online"), "INFO /list shows who is online"},
                new Object[] {
                    new ServerEvent.Error(ErrorCode.NAME_TAKEN, "alice is already in use"),
                    "ERROR NAME_TAKEN alice is already in use"
                },
                new Object[] {new ServerEvent.Bye("goodbye"), "BYE goodbye"},
                new Object[] {new ServerEvent.Limits(5, 10, 20, 4096), "LIMITS rate=5 burst=10 backlog=20 line-bytes=4096"},
                new Object[] {
                    new ServerEvent.PasswordRequest("alice", "alice is registered; send its password"),
                    "PASSWORD alice alice is registered; send its password"
                },
                new Object[] {
                    new ServerEvent.Offer(7, "alice", "bob", 1048576, HASH, "holiday photos.zip"),
                    "OFFER 7 alice bob 1048576 " + HASH + " holiday photos.zip"
                },
                new Object[] {
                    new ServerEvent.Transfer(7, TransferState.ACCEPTED, "bob accepted holiday photos.zip"),
                    "TRANSFER 7 accepted bob accepted holiday photos.zip"
                },
                new Object[] {new ServerEvent.TransferData(7, 4243, "q3Jx9"), "DATA 7 4243 q3Jx9"},
                new Object[] {
                    new ServerEvent.History(Instant.parse("2026-12-01T06:10:00Z"), new ServerEvent.Msg("alice", "hello, world")),
                    "HISTORY 2026-12-01T06:10:00Z MSG alice hello, world"
                },
                new Object[] {new ServerEvent.InRoom("#dev", new ServerEvent.Msg("alice", "build is green")), "IN #dev MSG alice build is green"},
                new Object[] {new ServerEvent.Topic("alice", "release on Friday"), "TOPIC alice release on Friday"},
                new Object[] {new ServerEvent.Topic("alice", ""), "TOPIC alice"}, // taken away
                new Object[] {new ServerEvent.Room("#dev", 3, false, "release on Friday"), "ROOM #dev 3 open release on Friday"},
                new Object[] {new ServerEvent.Rooms(2), "ROOMS 2"},
                new Object[] {new ServerEvent.Members("#dev", List.of("alice", "bob"), List.of("alice")), "MEMBERS #dev @alice bob"},
                new Object[] {new ServerEvent.Members("#dev", List.of("alice", "bob", "carol"), List.of("alice"), List.of("alice", "bob")),
                        "MEMBERS #dev @+alice +bob carol"},
                new Object[] {new ServerEvent.Invite("alice", "#ops"), "INVITE alice #ops"},
                new Object[] {new ServerEvent.HistoryEnd("#general", 20, true), "HISTORY_END #general 20 more"},
                new Object[] {new ServerEvent.Missed(230, Instant.parse("2026-12-01T06:10:00Z")), "MISSED 230 2026-12-01T06:10:00Z"},
                new Object[] {new ServerEvent.Found(Instant.parse("2026-12-01T06:10:00Z"), "#dev",
                        new ServerEvent.Msg("alice", "the build is green")), "FOUND 2026-12-01T06:10:00Z #dev MSG alice the build is green"},
                new Object[] {new ServerEvent.FoundEnd(3), "FOUND_END 3"},
                new Object[] {new ServerEvent.Waited(Instant.parse("2026-12-01T06:10:00Z"), new ServerEvent.Private("alice", "bob", "psst")),
                        "WAITED 2026-12-01T06:10:00Z PRIVATE alice bob psst"});
    }

    @Test
    void aRoomLineWrapsTheLineOfItsKindAndOnlyOtherRoomsSayTheirRoom() throws Exception {
        assertThat(EventCodec.decode("IN #dev HISTORY 2026-12-01T06:10:00Z ACTION alice waves")).isEqualTo(new ServerEvent.InRoom("#dev",
                new ServerEvent.History(Instant.parse("2026-12-01T06:10:00Z"), new ServerEvent.Action("alice", "waves"))));
        assertThat(EventCodec.decode("IN #dev LEAVE bob parted: lunch"))
                .isEqualTo(new ServerEvent.InRoom("#dev", new ServerEvent.Leave("bob", "parted: lunch")));
        assertThat(EventCodec.decode("ROOM #ops 1 invite")).isEqualTo(new ServerEvent.Room("#ops", 1, true, ""));
        assertThat(EventCodec.decode("MEMBERS #dev")).isEqualTo(new ServerEvent.Members("#dev", List.of(), List.of()));
        for (String line : List.of("IN #general MSG alice hi", "IN dev MSG alice hi", "IN #dev PRIVATE alice bob hi",
                "IN #dev IN #ops MSG alice hi", "IN #dev USERS alice", "IN #dev", "ROOM #dev 3 secret t", "ROOM #dev -1 open",
                "ROOMS x", "MEMBERS", "MEMBERS dev alice", "INVITE alice #ops extra", "INVITE alice ops",
                "HISTORY_END #dev 3", "HISTORY_END #dev 3 some", "HISTORY_END dev 3 all", "HISTORY_END #dev 3 all x",
                "FOUND 2026-12-01T06:10:00Z #dev JOIN bob -", "FOUND 2026-12-01T06:10:00Z dev MSG a b", "FOUND_END -1",
                "FOUND 2026-12-01T06:10:00Z #dev FOUND 2026-12-01T06:10:00Z #dev MSG a b",
                "WAITED 2026-12-01T06:10:00Z MSG alice hi", "WAITED 2026-12-01T06:10:00Z WAITED 2026-12-01T06:10:00Z PRIVATE a b c",
                "WAITED yesterday PRIVATE alice bob psst", "MISSED", "MISSED 12", "MISSED -1 2026-12-01T06:10:00Z",
                "MISSED 12 yesterday", "MISSED 12 2026-12-01T06:10:00Z more")) {
            assertThatThrownBy(() -> EventCodec.decode(line)).as(line).isInstanceOf(ProtocolException.class);
        }
    }

    @Test
    void buildsARoomLineFromAnEncodedLineAsFromTheEvent() {
        ServerEvent.Msg said = new ServerEvent.Msg("alice", "héllo");
        assertThat(EventCodec.encodeInRoom("#dev", EventCodec.encodeLine(said)))
                .isEqualTo(EventCodec.encodeLine(new ServerEvent.InRoom("#dev", said)));
    }

    @Test
    void tellsWhoSaidAnEncodedPublicLineWithoutDecodingIt() {
        byte[] msg = EventCodec.encodeLine(new ServerEvent.Msg("Alice", "hi there"));
        byte[] action = EventCodec.encodeLine(new ServerEvent.Action("alice", "waves"));
        byte[] notice = EventCodec.encodeLine(new ServerEvent.Notice("alice", "build is green"));
        assertThat(EventCodec.saidBy("alice").test(msg)).isTrue();
        assertThat(EventCodec.saidBy("ALICE").test(action)).isTrue();
        assertThat(EventCodec.saidBy("alice").test(notice)).isTrue();
        assertThat(EventCodec.saidBy("ali").test(msg)).isFalse(); // a name is whole, up to its space
        assertThat(EventCodec.saidBy("alice").test(EventCodec.encodeLine(new ServerEvent.Msg("bob", "alice hi")))).isFalse();
        assertThat(EventCodec.saidBy("alice").test(EventCodec.encodeLine(new ServerEvent.Join("alice", "127.0.0.1")))).isFalse();
    }

    @Test
    void aLimitsLineIsToldEvenWhenItCannotBeRead() {
        assertThat(EventCodec.isLimits(EventCodec.encode(new ServerEvent.Limits(5, 10, 20, 1024)))).isTrue();
        assertThat(EventCodec.isLimits("LIMITS rate=fast")).isTrue();
        assertThat(EventCodec.isLimits("MSG bob LIMITS ")).isFalse();
    }

    @Test
    void historyLinesCarryOnlyPublicLines() throws Exception {
        assertThat(EventCodec.decode("HISTORY 2026-12-01T06:10:00Z ACTION alice waves"))
                .isEqualTo(new ServerEvent.History(Instant.parse("2026-12-01T06:10:00Z"), new ServerEvent.Action("alice", "waves")));
        assertThat(EventCodec.decode("HISTORY 2026-12-01T06:10:00Z NOTICE ci build is green"))
                .isEqualTo(new ServerEvent.History(Instant.parse("2026-12-01T06:10:00Z"), new ServerEvent.Notice("ci", "build is green")));
        for (String line : List.of("HISTORY 2026-12-01T06:10:00Z PRIVATE alice bob psst",
                "HISTORY 2026-12-01T06:10:00Z PRIVATE_NOTICE alice bob psst", "HISTORY yesterday MSG alice hi",
                "HISTORY 2026-12-01T06:10:00Z HISTORY 2026-12-01T06:10:00Z MSG alice hi", "HISTORY 2026-12-01T06:10:00Z")) {
            assertThatThrownBy(() -> EventCodec.decode(line)).as(line).isInstanceOf(ProtocolException.class);
        }
    }

    @Test
    void buildsAHistoryLineFromAnEncodedLineAsFromTheEvent() {
        ServerEvent.Msg said = new ServerEvent.Msg("alice", "héllo");
        long millis = Instant.parse("2026-12-01T06:10:00.987Z").toEpochMilli();
        assertThat(EventCodec.encodeHistoryLine(millis, EventCodec.encodeLine(said)))
                .isEqualTo(EventCodec.encodeLine(new ServerEvent.History(Instant.ofEpochMilli(millis), said)));
    }

    private static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Test
    void refusesMalformedTransferLines() {
        for (String line : List.of("OFFER 0 alice bob 1 " + HASH + " f", "OFFER 1 alice bob -1 " + HASH + " f",
                "OFFER 1 alice bob 1 " + HASH.toUpperCase() + " f", "OFFER 1 alice bob 1 abc f", "OFFER 1 alice bob 1 " + HASH,
                "OFFER 1 alice bob 01 " + HASH + " f", "TRANSFER 1 exploded boom", "TRANSFER x done ok",
                "DATA 1 70000 tok", "DATA 1 0 tok", "DATA 1 99 tok extra", "DATA 1 99999999999 tok")) {
            assertThatThrownBy(() -> EventCodec.decode(line)).as(line).isInstanceOf(ProtocolException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void encodesEachLineKindAsDocumented(ServerEvent event, String line) {
        assertThat(EventCodec.encode(event)).isEqualTo(line);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void decodesEachLineKindAsDocumented(ServerEvent event, String line) throws Exception {
        assertThat(EventCodec.decode(line)).isEqualTo(event);
        assertThat(EventCodec.decodeLine(EventCodec.encodeLine(event))).isEqualTo(event); // the bytes as sent, line end included
    }

    @Test
    void examplesCoverEveryLineKind() {
        Set<Class<?>> covered = examples().map(e -> e[0].getClass()).collect(Collectors.toSet());
        assertThat(covered).isEqualTo(lineKinds(ServerEvent.class));
    }

    /** The records under {@code type}, through its sealed interfaces ({@link ServerEvent.PublicLine}). */
    private static Set<Class<?>> lineKinds(Class<?> type) {
        if (!type.isSealed()) {
            return Set.of(type);
        }
        return Stream.of(type.getPermittedSubclasses()).flatMap(kind -> lineKinds(kind).stream()).collect(Collectors.toSet());
    }

    @Test
    void asksForTheServersPasswordWithAStar() throws Exception {
        ServerEvent event = EventCodec.decode("PASSWORD * this server is private; send its password");
        assertThat(event).isEqualTo(new ServerEvent.PasswordRequest("*", "this server is private; send its password"));
        assertThat(((ServerEvent.PasswordRequest) event).forServer()).isTrue();
        assertThatThrownBy(() -> EventCodec.decode("PASSWORD a*b text")).isInstanceOf(ProtocolException.class);
    }

    @Test
    void readsLimitsInAnyOrderAndSkipsUnknownKeys() throws Exception {
        assertThat(EventCodec.decode("LIMITS line-bytes=100 future=1 backlog=0 burst=3 rate=0.5"))
                .isEqualTo(new ServerEvent.Limits(0.5, 3, 0, 100));
        assertThat(EventCodec.decode("LIMITS rate=off burst=1 backlog=0 line-bytes=4096"))
                .isEqualTo(new ServerEvent.Limits(0, 1, 0, 4096));
        assertThat(EventCodec.encode(new ServerEvent.Limits(0, 1, 0, 64))).isEqualTo("LIMITS rate=off burst=1 backlog=0 line-bytes=64");
        assertThat(EventCodec.encode(new ServerEvent.Limits(2.5, 1, 0, 64))).isEqualTo("LIMITS rate=2.5 burst=1 backlog=0 line-bytes=64");
        assertThatThrownBy(() -> EventCodec.decode("LIMITS rate=5 burst=10")).isInstanceOf(ProtocolException.class);
    }

    @Test
    void keepsLeadingSpacesAndSlashesInText() throws Exception {
        var event = new ServerEvent.Msg("alice", "  /not a command  ");
        assertThat(EventCodec.decode(EventCodec.encode(event))).isEqualTo(event);
    }

    @Test
    void writesEmptyTextWithoutTrailingSpace() throws Exception {
        var event = new ServerEvent.Leave("bob", "");
        assertThat(EventCodec.encode(event)).isEqualTo("LEAVE bob");
        assertThat(EventCodec.decode("LEAVE bob")).isEqualTo(event);
    }

    @Test
    void decodesEmptyUserList() throws Exception {
        assertThat(EventCodec.decode("USERS")).isEqualTo(new ServerEvent.Users(List.of()));
    }

    @Test
    void encodesLineAsUtf8WithNewline() {
        byte[] bytes = EventCodec.encodeLine(new ServerEvent.Msg("a", "é"));
        assertThat(bytes).containsExactly('M', 'S', 'G', ' ', 'a', ' ', 0xC3, 0xA9, '\n');
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "NOPE x",
                "MSG",
                "MSG bad!name hi",
                "PRIVATE alice",
                "JOIN alice",
                "ERROR NOT_A_CODE text",
                "HELLO x text",
                "WELCOME"
            })
    void rejectsMalformedLines(String line) {
        assertThatThrownBy(() -> EventCodec.decode(line)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void refusesTextThatWouldBreakTheLine() {
        assertThatThrownBy(() -> new ServerEvent.Msg("alice", "one\nMSG eve two"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServerEvent.Info("a\rb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServerEvent.Join("alice", "1.2.3.4 extra"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyErrorCodeRoundTrips() throws Exception {
        for (ErrorCode code : ErrorCode.values()) {
            var event = new ServerEvent.Error(code, "text");
            assertThat(EventCodec.decode(EventCodec.encode(event))).isEqualTo(event);
        }
        assertThat(Arrays.stream(ErrorCode.values()).map(Enum::name))
                .contains("NAME_TAKEN", "NAME_INVALID", "NO_SUCH_USER", "UNKNOWN_COMMAND", "LINE_TOO_LONG", "SERVER_FULL");
    }

    @Test
    void everyErrorCodeIsDocumentedWithAnExample() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "PROTOCOL.md"));
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(doc).as("docs/PROTOCOL.md, Error codes").contains("| `" + code.name() + "` |", "`ERROR " + code.name() + " ");
        }
    }
}
