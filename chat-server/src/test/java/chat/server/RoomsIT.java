package chat.server;

import static org.assertj.core.api.Assertions.assertThat;

import chat.server.config.RoomLimits;
import chat.server.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rooms (docs/PROTOCOL.md, "Rooms") against a real server over loopback sockets: nothing said in a room
 * reaches anyone outside it, invite-only rooms do not leak, the room operators' rights and their refusal for
 * others, the limits, the default room for {@code nc} users. Runs again over TLS (RoomsOverTlsIT).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RoomsIT {
    private final TestResources resources = new TestResources();
    @TempDir
    Path dir;

    @AfterEach
    void tearDown() throws Exception {
        resources.close();
    }

    private int start(ServerConfig.Builder config) throws IOException {
        return resources.start(config.build()).port();
    }

    private TestLineClient login(int port, String name) throws IOException {
        return resources.track(TestLineClient.login(port, name));
    }

    /** {@code c}'s lines up to the first that starts with {@code marker}, that one left out. */
    private static List<String> linesBefore(TestLineClient c, String marker) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line = c.readLine(); !line.startsWith(marker); line = c.readLine()) {
            lines.add(line);
        }
        return lines;
    }

    @Test
    void whatIsSaidInARoomReachesItsMembersOnly() throws Exception {
        int port = start(ChatServerIT.base());
        TestLineClient alice = login(port, "alice");
        TestLineClient bob = login(port, "bob");
        TestLineClient carol = login(port, "carol");
        alice.send("/join #dev");
        assertThat(alice.awaitLine("IN #dev ")).isEqualTo("IN #dev JOIN alice -");
        bob.send("/join dev"); // the '#' may be left out
        assertThat(bob.awaitLine("IN #dev ")).isEqualTo("IN #dev JOIN bob -");
        assertThat(alice.awaitLine("IN #dev ")).isEqualTo("IN #dev JOIN bob -");

        alice.send("the release is on Friday"); // alice's current room is #dev now
        alice.send("/me ships it");
        assertThat(bob.awaitLine("IN #dev MSG ")).isEqualTo("IN #dev MSG alice the release is on Friday");
        assertThat(bob.readLine()).isEqualTo("IN #dev ACTION alice ships it");
        assertThat(alice.awaitLine("IN #dev MSG ")).isEqualTo("IN #dev MSG alice the release is on Friday");
        bob.send("/to #general lunch?"); // whatever bob's current room is
        for (TestLineClient c : List.of(alice, bob)) {
            assertThat(c.awaitLine("MSG bob ")).isEqualTo("MSG bob lunch?");
        }
        // carol, in #general only, saw bob's line and nothing of #dev
        assertThat(linesBefore(carol, "MSG bob lunch?")).noneMatch(l -> l.contains("#dev") || l.contains("Friday")
                || l.contains("ships"));

        // a line for a room one is not in goes nowhere
        carol.send("/to #dev let me in");
        assertThat(carol.awaitLine("ERROR ")).isEqualTo("ERROR NOT_IN_ROOM you are not in #dev; /join it first");
        carol.send("/join #general"); // PROTOCOL.md: never to #general unasked, but a /join makes it current
        carol.send("back in #general");
        assertThat(alice.awaitLine("MSG carol ")).isEqualTo("MSG carol back in #general");
        bob.send("/to #general marker");
        assertThat(linesBefore(alice, "MSG bob marker")).noneMatch(l -> l.contains("let me in"));
    }

    @Test
    void anNcUserTalksInTheRoomItLastJoinedAndSeesWhatItSawBefore() throws Exception {
        int port = start(ChatServerIT.base());
        TestLineClient old = login(port, "old");
        TestLineClient nc = login(port, "nc");
        nc.send("hello"); // no room joined: #general, as before rooms
        assertThat(old.awaitLine("MSG ")).isEqualTo("MSG nc hello");
        nc.send("/join #dev");
        nc.awaitLine("IN #dev JOIN nc ");
        nc.send("in dev now");
        assertThat(nc.awaitLine("IN #dev MSG ")).isEqualTo("IN #dev MSG nc in dev now");
        nc.send("/join #general");
        assertThat(nc.awaitLine("INFO ")).isEqualTo("INFO lines you type now go to #general");
        nc.send("back");
        assertThat(old.awaitLine("MSG ")).isEqualTo("MSG nc back"); // old never saw "in dev now"
        nc.send("/part #dev");
        assertThat(nc.awaitLine("IN #dev ")).isEqualTo("IN #dev LEAVE nc parted");
        nc.send("/part #general");
        assertThat(nc.awaitLine("ERROR ")).isEqualTo("ERROR DEFAULT_ROOM everyone stays in #general while online; /quit leaves the chat");
        nc.send("/join #a b");
        assertThat(nc.awaitLine("ERROR ")).isEqualTo("ERROR BAD_ARGUMENTS usage: /join ROOM");
        nc.send("/join #dev!");
        assertThat(nc.awaitLine("ERROR ")).startsWith("ERROR ROOM_INVALID a room name is '#' and 1-30 letters");
    }

    @Test
    void aNewcomerToARoomGetsItsLastLinesItsMembersAndItsTopic() throws Exception {
        int port = start(ChatServerIT.base().history(2));
        TestLineClient alice = login(port, "alice");
        alice.send("/join #dev");
        alice.send("/topic release on Friday");
        assertThat(alice.awaitLine("IN #dev TOPIC ")).isEqualTo("IN #dev TOPIC alice release on Friday");
        for (String line : List.of("one", "two", "three")) {
            alice.send(line);
        }
        alice.send("/to #general in general");
        alice.awaitLine("MSG alice in general");
        TestLineClient bob = login(port, "bob");
        bob.send("/join #dev");
        List<String> lines = linesBefore(bob, "IN #dev JOIN bob");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("IN #dev HISTORY \\S+ MSG alice two");
        assertThat(lines.get(1)).matches("IN #dev HISTORY \\S+ MSG alice three");
        assertThat(bob.readLine()).as("who is in the room").isEqualTo("MEMBERS #dev @alice bob");
        assertThat(bob.readLine()).isEqualTo("IN #dev TOPIC alice release on Friday");
        bob.send("/topic #dev");
        assertThat(bob.readLine()).isEqualTo("IN #dev TOPIC alice release on Friday");

        bob.send("/topic #dev -delete");
        assertThat(bob.readLine()).isEqualTo("ERROR NOT_ROOM_OPERATOR only #dev's operators may use /topic");
        alice.send("/topic #dev -delete");
        assertThat(alice.awaitLine("IN #dev TOPIC")).isEqualTo("IN #dev TOPIC alice");
        assertThat(bob.readLine()).as("told to the room without text").isEqualTo("IN #dev TOPIC alice");
        bob.send("/topic #dev");
        assertThat(bob.readLine()).isEqualTo("IN #dev INFO #dev has no topic");
        TestLineClient carol = login(port, "carol");
        carol.send("/join #dev");
        carol.send("/to #dev here");
        linesBefore(carol, "IN #dev JOIN carol");
        assertThat(carol.readLine()).isEqualTo("MEMBERS #dev @alice bob carol");
        assertThat(carol.readLine()).as("a newcomer gets no topic").isEqualTo("IN #dev MSG carol here");
    }

    @Test
    void anInviteOnlyRoomIsNeitherListedNorJoinableNorReadByOthers() throws Exception {
        int port = start(ChatServerIT.base());
        TestLineClient alice = login(port, "alice");
        TestLineClient carol = login(port, "carol");
        alice.send("/join #ops");
        alice.send("/invite-only on");
        assertThat(alice.awaitLine("IN #ops INFO ")).isEqualTo("IN #ops INFO alice made #ops invite-only");
        carol.send("/rooms");
        assertThat(linesBefore(carol, "ROOMS ")).containsExactly("ROOM #general 2 open");
        carol.send("/join #ops");
        assertThat(carol.awaitLine("ERROR ")).isEqualTo("ERROR INVITE_ONLY #ops is invite-only; one of its operators must /invite you");
        carol.send("/names #ops");
        assertThat(carol.awaitLine("ERROR ")).isEqualTo("ERROR NO_SUCH_ROOM there is no room #ops; /rooms lists them, /join makes one");
        carol.send("/topic #ops");
        assertThat(carol.awaitLine("ERROR ")).startsWith("ERROR NO_SUCH_ROOM ");
        carol.send("/invite carol #ops");
        assertThat(carol.awaitLine("ERROR ")).startsWith("ERROR NO_SUCH_ROOM "); // not even that it exists

        alice.send("/invite carol");
        assertThat(carol.awaitLine("INVITE ")).isEqualTo("INVITE alice #ops");
        assertThat(alice.awaitLine("INFO ")).isEqualTo("INFO carol may join #ops now");
        carol.send("/join #ops");
        assertThat(alice.awaitLine("IN #ops JOIN ")).isEqualTo("IN #ops JOIN carol -");
        carol.awaitLine("IN #ops JOIN carol");
        assertThat(carol.readLine()).isEqualTo("MEMBERS #ops @alice carol");
        alice.send("/invite carol"); // in already: said so, and nothing is sent to carol
        assertThat(alice.awaitLine("INFO ")).isEqualTo("INFO carol is in #ops already");
        carol.send("/rooms");
        assertThat(linesBefore(carol, "ROOMS ")).containsExactly("ROOM #general 2 open", "ROOM #ops 2 invite");
        carol.send("/part");
        carol.awaitLine("IN #ops LEAVE carol parted");
        carol.send("/join #ops"); // an invitation lets in once
        assertThat(carol.awaitLine("ERROR ")).startsWith("ERROR INVITE_ONLY ");
    }

    @Test
    void aRoomsOperatorRunsItAndNobodyElseDoes() throws Exception {
        int port = start(ChatServerIT.base());
        TestLineClient alice = login(port, "alice");
        TestLineClient bob = login(port, "bob");
        TestLineClient carol = login(port, "carol");
        for (TestLineClient c : List.of(alice, bob, carol)) {
            c.send("/join #dev");
            c.awaitLine("IN #dev JOIN " + (c == alice ? "alice" : c == bob ? "bob" : "carol"));
        }
        bob.send("/topic not yours");
        assertThat(bob.awaitLine("ERROR ")).isEqualTo("ERROR NOT_ROOM_OPERATOR only #dev's operators may use /topic");
        for (String command : List.of("/remove carol", "/invite-only on", "/op bob", "/invite carol", "/topic-lock off",
                "/moderated on", "/secret on", "/voice bob")) {
            bob.send(command);
            assertThat(bob.awaitLine("ERROR ")).as(command).startsWith("ERROR NOT_ROOM_OPERATOR only #dev's operators may use /");
        }
        bob.send("/close #dev");
        assertThat(bob.awaitLine("ERROR ")).isEqualTo("ERROR NOT_OPERATOR only operators may use /close");
        bob.send("/names");
        assertThat(bob.awaitLine("MEMBERS ")).isEqualTo("MEMBERS #dev @alice bob carol");

        alice.send("/topic-lock off"); // every member may set the topic (IRC's -t)
        assertThat(carol.awaitLine("IN #dev INFO ")).isEqualTo("IN #dev INFO alice let every member of #dev set its topic");
        carol.send("/topic #dev carol's topic");
        assertThat(bob.awaitLine("IN #dev TOPIC ")).isEqualTo("IN #dev TOPIC carol carol's topic");
        carol.send("/topic-lock #dev on");
        assertThat(carol.awaitLine("ERROR ")).isEqualTo("ERROR NOT_ROOM_OPERATOR only #dev's operators may use /topic-lock");
        alice.send("/topic-lock #dev on");
        assertThat(carol.awaitLine("IN #dev INFO ")).isEqualTo("IN #dev INFO alice let only the operators of #dev set its topic");
        carol.send("/topic #dev -delete");
        assertThat(carol.awaitLine("ERROR ")).isEqualTo("ERROR NOT_ROOM_OPERATOR only #dev's operators may use /topic");
        alice.send("/topic-lock #general off");
        assertThat(alice.awaitLine("ERROR ")).startsWith("ERROR DEFAULT_ROOM ");

        alice.send("/op #dev bob");
        assertThat(carol.awaitLine("IN #dev INFO ")).isEqualTo("IN #dev INFO alice made bob an operator of #dev");
        bob.send("/topic now it is");
        assertThat(carol.awaitLine("IN #dev TOPIC ")).isEqualTo("IN #dev TOPIC bob now it is");
        bob.send("/remove #dev carol spamming");
        assertThat(carol.awaitLine("IN #dev LEAVE ")).isEqualTo("IN #dev LEAVE carol removed by bob: spamming");
        assertThat(alice.awaitLine("IN #dev LEAVE ")).isEqualTo("IN #dev LEAVE carol removed by bob: spamming");
        carol.send("still here?"); // its current room was #dev
        assertThat(carol.awaitLine("ERROR ")).isEqualTo("ERROR NOT_IN_ROOM you are not in #dev; /join it first");
        carol.send("/join #general"); // PROTOCOL.md: never to #general unasked, but a /join makes it current
        carol.send("back in #general");
        assertThat(alice.awaitLine("MSG carol ")).isEqualTo("MSG carol back in #general");
        bob.send("/remove #dev dave");
        assertThat(bob.awaitLine("ERROR ")).isEqualTo("ERROR NOT_MEMBER dave is not in #dev");

        // the last operators leave: the one longest in the room runs it now
        alice.send("/deop #dev bob");
        assertThat(bob.awaitLine("IN #dev INFO ")).isEqualTo("IN #dev INFO alice took bob's operator rights in #dev");
        alice.send("/quit");
        assertThat(bob.awaitLine("IN #dev ")).isEqualTo("IN #dev LEAVE alice quit");
        assertThat(bob.awaitLine("IN #dev INFO ")).isEqualTo("IN #dev INFO bob is an operator of #dev now: its last operator left");
    }

    @Test
    void inAModeratedRoomOnlyItsOperatorsAndTheVoicedSpeakAndASecretRoomIsNotListed() throws Exception {
        int port = start(ChatServerIT.base());
        TestLineClient alice = login(port, "alice");
        TestLineClient bob = login(port, "bob");
        TestLineClient carol = login(port, "carol");
        for (TestLineClient c : List.of(alice, bob)) {
            c.send("/join #dev");
            c.awaitLine("MEMBERS #dev ");
        }
        alice.send("/moderated on");
        assertThat(bob.awaitLine("IN #dev INFO ")).isEqualTo(
                "IN #dev INFO alice made #dev moderated: only its operators and voiced members may speak");
        bob.send("may I?");
        bob.send("/notice #dev nor this");
        bob.send("/to #dev /me waves");
        for (int i = 0; i < 3; i++) {
            assertThat(bob.awaitLine("ERROR ")).isEqualTo(
                    "ERROR MODERATED #dev is moderated: only its operators and those they /voice may speak there; this line was not said");
        }
        bob.send("/to #general still free here");
        assertThat(alice.awaitLine("MSG bob ")).isEqualTo("MSG bob still free here");
        alice.send("operators speak");
        assertThat(bob.awaitLine("IN #dev MSG ")).isEqualTo("IN #dev MSG alice operators speak");
        alice.send("/voice bob");
        assertThat(bob.awaitLine("IN #dev INFO ")).isEqualTo("IN #dev INFO alice let bob speak in #dev while it is moderated");
        bob.send("/names");
        assertThat(bob.awaitLine("MEMBERS ")).isEqualTo("MEMBERS #dev @alice +bob");
        bob.send("now I may");
        assertThat(alice.awaitLine("IN #dev MSG bob ")).isEqualTo("IN #dev MSG bob now I may");
        bob.send("/voice bob"); // a voice is not an operator's right
        assertThat(bob.awaitLine("ERROR ")).isEqualTo("ERROR NOT_ROOM_OPERATOR only #dev's operators may use /voice");
        alice.send("/devoice #dev bob");
        assertThat(bob.awaitLine("IN #dev INFO ")).isEqualTo("IN #dev INFO alice took bob's voice in #dev");
        bob.send("and now?");
        assertThat(bob.awaitLine("ERROR ")).startsWith("ERROR MODERATED ");
        alice.send("/moderated #dev off");
        assertThat(bob.awaitLine("IN #dev INFO ")).isEqualTo("IN #dev INFO alice let everyone in #dev speak again");
        bob.send("free again");
        assertThat(alice.awaitLine("IN #dev MSG bob ")).isEqualTo("IN #dev MSG bob free again");
        alice.send("/voice carol");
        assertThat(alice.awaitLine("ERROR ")).isEqualTo("ERROR NOT_MEMBER carol is not in #dev");
        alice.send("/moderated #general on");
        assertThat(alice.awaitLine("ERROR ")).startsWith("ERROR DEFAULT_ROOM ");

        alice.send("/secret on");
        assertThat(bob.awaitLine("IN #dev INFO ")).isEqualTo("IN #dev INFO alice made #dev secret: it is not listed for those not in it");
        carol.send("/rooms");
        carol.awaitLine("ROOM #general ");
        assertThat(linesBefore(carol, "ROOMS ")).as("only #general").isEmpty();
        carol.send("/names #dev");
        assertThat(carol.awaitLine("ERROR ")).startsWith("ERROR NO_SUCH_ROOM ");
        bob.send("/rooms");
        assertThat(linesBefore(bob, "ROOMS ")).containsExactly("ROOM #general 3 open", "ROOM #dev 2 open");
        carol.send("/join #dev"); // secret, not closed: a name known is joined
        assertThat(carol.awaitLine("MEMBERS ")).isEqualTo("MEMBERS #dev @alice bob carol");
        alice.send("/secret off");
        assertThat(bob.awaitLine("IN #dev INFO ")).isEqualTo("IN #dev INFO alice listed #dev again");
    }

    @Test
    void serverOperatorsRunEveryRoomAndCloseOneAndAKickLeavesEveryRoom() throws Exception {
        ServerConfig.Builder config = ChatServerIT.base().dataDir(dir).passwordIterations(1000).allowPlainPasswords(true)
                .operators(List.of("boss"));
        TestAccounts.make(config.build(), "boss", "correct horse");
        int port = start(config);
        TestLineClient boss = resources.track(TestLineClient.login(port, "boss", "correct horse"));
        TestLineClient alice = login(port, "alice");
        TestLineClient bob = login(port, "bob");
        alice.send("/join #dev");
        alice.send("/join #ops");
        alice.awaitLine("IN #ops JOIN alice");
        bob.send("/join #dev");
        alice.awaitLine("IN #dev JOIN bob");
        boss.send("/topic #dev set by the boss"); // not a member, not its operator: a server operator
        assertThat(alice.awaitLine("IN #dev TOPIC ")).isEqualTo("IN #dev TOPIC boss set by the boss");
        boss.send("/kick bob enough");
        assertThat(alice.awaitLine("LEAVE bob ")).isEqualTo("LEAVE bob kicked by boss: enough");
        assertThat(alice.awaitLine("IN #dev ")).isEqualTo("IN #dev LEAVE bob kicked by boss: enough");
        boss.send("/close #dev done");
        assertThat(alice.awaitLine("IN #dev ")).isEqualTo("IN #dev LEAVE alice room closed by boss: done");
        assertThat(boss.awaitLine("INFO ")).isEqualTo("INFO #dev is closed");
        alice.send("/rooms");
        assertThat(linesBefore(alice, "ROOMS ")).containsExactly("ROOM #general 2 open", "ROOM #ops 1 open");
        boss.send("/topic #general welcome, all");
        assertThat(alice.awaitLine("TOPIC ")).isEqualTo("TOPIC boss welcome, all");
        TestLineClient carol = login(port, "carol");
        assertThat(carol.awaitLine("TOPIC ")).as("a newcomer is shown #general's topic").isEqualTo("TOPIC boss welcome, all");
        alice.send("/topic #general mine now");
        assertThat(alice.awaitLine("ERROR ")).isEqualTo("ERROR NOT_ROOM_OPERATOR only #general's operators may use /topic");
    }

    @Test
    void roomsHaveLimits() throws Exception {
        int port = start(ChatServerIT.base().rooms(new RoomLimits(3, 2, 2)));
        TestLineClient alice = login(port, "alice");
        TestLineClient bob = login(port, "bob");
        TestLineClient carol = login(port, "carol");
        alice.send("/join #dev1");
        alice.send("/join #devl"); // looks like #dev1
        assertThat(alice.awaitLine("ERROR ")).isEqualTo("ERROR ROOM_LOOKALIKE #devl looks too much like #dev1, a room here; "
                + "join that one or choose another name");
        alice.send("/join #DEV1"); // the same room, in it already
        assertThat(alice.awaitLine("INFO ")).isEqualTo("INFO lines you type now go to #dev1");
        alice.send("/join #two");
        alice.send("/join #three");
        assertThat(alice.awaitLine("ERROR ")).isEqualTo("ERROR TOO_MANY_ROOMS you are in 2 rooms, the most this server allows; /part one first");
        bob.send("/join #dev1");
        bob.awaitLine("IN #dev1 JOIN bob");
        carol.send("/join #dev1");
        assertThat(carol.awaitLine("ERROR ")).isEqualTo("ERROR ROOM_FULL #dev1 has 2 members, the most this server allows in a room");
        carol.send("/join #mine");
        carol.awaitLine("IN #mine JOIN carol");
        carol.send("/join #more");
        assertThat(carol.awaitLine("ERROR ")).isEqualTo("ERROR ROOMS_FULL this server has 3 rooms, the most it allows; join one of them");
        carol.send("/part #mine");
        carol.awaitLine("IN #mine LEAVE carol parted");
        carol.send("/join #more"); // an empty room is gone, and makes way
        carol.awaitLine("IN #more JOIN carol");
    }

    @Test
    void aFloodOfJoinsAndPartsIsHeldLikeAnyFlood() throws Exception {
        int port = start(ChatServerIT.base().rateLimit(5, 10).rateBacklog(20));
        TestLineClient watcher = resources.track(TestLineClient.login("127.0.0.2", port, "watcher"));
        watcher.send("/join #x");
        watcher.awaitLine("IN #x JOIN watcher");
        TestLineClient flooder = resources.track(TestLineClient.login("127.0.0.3", port, "flooder"));
        StringBuilder flood = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            flood.append("/join #x\n/part #x\n");
        }
        flooder.sendRaw(flood.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(flooder.awaitLine("BYE ")).startsWith("BYE flooding");
        watcher.send("/to #x marker");
        List<String> seen = linesBefore(watcher, "IN #x MSG watcher marker");
        // at most what the allowance lets through: the burst, the backlog, and the rate while they were read
        assertThat(seen.stream().filter(l -> l.startsWith("IN #x JOIN flooder")).count()).isLessThan(60);
    }
}
