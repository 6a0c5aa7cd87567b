package chat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import chat.common.protocol.EventCodec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chat's lines as an IRC client gets them: the byte copy of the common line says exactly what the translation says. */
class IrcOutputTest {
    private static final List<String> LINES = List.of("MSG bob hi", "MSG bob  two  spaces ", "IN #dev MSG bob :a colon",
            "IN #dev MSG carol.x-1 ünïcödé", "MSG bob " + "long ".repeat(200), "MSG alice mine", "MSG ALICE mine too",
            "ACTION bob waves", "IN #dev ACTION bob waves", "JOIN bob -", "PRIVATE bob alice psst");

    /** What the writer sends for {@code chatLine}, through {@link IrcOutput} (the copy where it applies). */
    private static String written(IrcConnection irc, String chatLine) throws Exception {
        return writtenWith(new RelayedLines(), irc, (chatLine + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** What the translation alone says for {@code chatLine}. */
    private static String translated(IrcConnection irc, String chatLine) throws Exception {
        IrcBytes bytes = new IrcBytes(16);
        for (IrcMessage m : new IrcReplies(irc).translate(EventCodec.decode(chatLine))) {
            m.writeTo(bytes);
        }
        return bytes.toString();
    }

    private static IrcConnection registered(String nick, String... capabilities) {
        IrcConnection irc = new IrcConnection("chat.server", new IrcDirectory(room -> null));
        irc.nick = nick;
        irc.registered = true;
        List.of(capabilities).forEach(c -> irc.capability(c, true));
        return irc;
    }

    @Test
    void theCopyOfAPublicLineIsWhatTheTranslationWrites() throws Exception {
        for (String line : LINES) {
            for (IrcConnection irc : List.of(registered("alice"), registered("alice", "echo-message"))) {
                assertThat(written(irc, line)).as(line).isEqualTo(translated(irc, line));
            }
        }
        assertThat(written(registered("alice"), "IN #dev MSG bob :a colon")).isEqualTo(":bob!bob@chat PRIVMSG #dev ::a colon\r\n");
        assertThat(written(registered("alice"), "MSG alice mine")).isEmpty(); // no echo without echo-message
        assertThat(written(registered("alice", "echo-message"), "MSG ALICE mine too"))
                .isEqualTo(":ALICE!ALICE@chat PRIVMSG #general :mine too\r\n");
    }

    @Test
    void linesCutAcrossWritesOrInsideALargerArrayAreTranslatedAsWholeOnes() throws Exception {
        String lines = String.join("\n", LINES) + "\n";
        String whole = written(registered("alice"), lines.substring(0, lines.length() - 1));
        byte[] framed = ("garbage before\n" + lines + "garbage after").getBytes(StandardCharsets.UTF_8);
        int start = "garbage before\n".length();
        int length = lines.getBytes(StandardCharsets.UTF_8).length;
        for (int piece : new int[] {1, 3, 7, 64, length}) {
            ByteArrayOutputStream socket = new ByteArrayOutputStream();
            try (IrcOutput out = new IrcOutput(socket, new IrcReplies(registered("alice")), new RelayedLines())) {
                for (int at = start; at < start + length; at += piece) {
                    out.write(framed, at, Math.min(piece, start + length - at));
                }
            }
            assertThat(socket.toString(StandardCharsets.UTF_8)).as("in pieces of %d bytes", piece).isEqualTo(whole);
        }
        assertThat(whole).contains(":bob!bob@chat PRIVMSG #dev ::a colon\r\n", ":bob!bob@chat PRIVMSG #general :hi\r\n");
    }

    @Test
    void aBroadcastsArrayIsTranslatedOnceForEveryIrcClientButItsSpeaker() throws Exception {
        RelayedLines relays = new RelayedLines();
        byte[] broadcast = "IN #dev MSG bob hi\nIN #dev MSG bob again\n".getBytes(StandardCharsets.UTF_8);
        String expected = ":bob!bob@chat PRIVMSG #dev :hi\r\n:bob!bob@chat PRIVMSG #dev :again\r\n";
        assertThat(writtenWith(relays, registered("carol"), broadcast)).isEqualTo(expected);
        RelayedLines.Relayed kept = relays.find(broadcast);
        assertThat(kept).isNotNull();
        assertThat(kept.speaker).isEqualTo("bob");
        assertThat(new String(kept.irc, StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(writtenWith(relays, registered("dave"), broadcast)).isEqualTo(expected);
        assertThat(writtenWith(relays, registered("BOB"), broadcast)).isEmpty(); // the speaker's own: no echo
        assertThat(writtenWith(relays, registered("bob", "echo-message"), broadcast)).isEqualTo(expected);
        assertThat(relays.find(broadcast)).isSameAs(kept);
    }

    @Test
    void withServerTimeTheSharedFormIsTaggedWithOneTimeForAll() throws Exception {
        RelayedLines relays = new RelayedLines();
        byte[] broadcast = "MSG bob hi\nMSG bob again\n".getBytes(StandardCharsets.UTF_8);
        String first = writtenWith(relays, registered("carol", "server-time"), broadcast); // made apart, then kept
        assertThat(first).matches("@time=(\\S+) :bob!bob@chat PRIVMSG #general :hi\r\n@time=\\1 :bob!bob@chat PRIVMSG #general :again\r\n");
        assertThat(relays.find(broadcast)).isNotNull();
        assertThat(writtenWith(relays, registered("dave", "server-time"), broadcast)).isEqualTo(first);
        assertThat(writtenWith(relays, registered("erin"), broadcast))
                .isEqualTo(":bob!bob@chat PRIVMSG #general :hi\r\n:bob!bob@chat PRIVMSG #general :again\r\n");
        assertThat(writtenWith(relays, registered("bob", "server-time"), broadcast)).isEmpty(); // its own, no echo
        String echoed = writtenWith(relays, registered("bob", "server-time", "echo-message"), broadcast);
        assertThat(withoutTimes(echoed)).isEqualTo(withoutTimes(first));
        for (String line : LINES) { // what a client with server-time is sent is the translation's, whichever way
            IrcConnection tagged = registered("alice", "server-time");
            String alone = writtenWith(new RelayedLines(), tagged, (line + "\n").getBytes(StandardCharsets.UTF_8));
            assertThat(withoutTimes(alone)).as(line).isEqualTo(withoutTimes(translated(tagged, line)));
        }
    }

    private static String withoutTimes(String lines) {
        return lines.replaceAll("@time=\\S+ ", "@time=T ");
    }

    @Test
    void whatNotEveryIrcClientIsSentAlikeIsNotShared() throws Exception {
        RelayedLines relays = new RelayedLines();
        for (String lines : List.of("MSG bob hi\nMSG carol hi\n", "MSG bob hi\nJOIN dave -\n", "MSG bob " + "long ".repeat(200) + "\n")) {
            byte[] array = lines.getBytes(StandardCharsets.UTF_8);
            String alone = writtenWith(new RelayedLines(), registered("alice"), array);
            assertThat(writtenWith(relays, registered("alice"), array)).isEqualTo(alone);
            assertThat(relays.find(array)).as(lines).isNull();
        }
        byte[] own = "MSG alice mine\n".getBytes(StandardCharsets.UTF_8);
        writtenWith(relays, registered("alice"), own);
        assertThat(relays.find(own)).isNull(); // its speaker's writer dropped it: nothing to share
    }

    private static String writtenWith(RelayedLines relays, IrcConnection irc, byte[] array) throws Exception {
        ByteArrayOutputStream socket = new ByteArrayOutputStream();
        try (IrcOutput out = new IrcOutput(socket, new IrcReplies(irc), relays)) {
            out.write(array);
            out.flush();
        }
        return socket.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aBufferGrownByOneBigWriteIsLetGoOnceEmptied() {
        IrcBytes bytes = new IrcBytes(1024);
        byte[] big = new byte[3 * IrcBytes.KEPT_BYTES];
        bytes.add(big, 0, big.length);
        assertThat(bytes.capacity()).isGreaterThanOrEqualTo(big.length);
        bytes.clear();
        assertThat(bytes.capacity()).isEqualTo(1024);
        bytes.add(big, 0, IrcBytes.KEPT_BYTES / 2);
        bytes.clear();
        assertThat(bytes.capacity()).isEqualTo(IrcBytes.KEPT_BYTES / 2); // the usual writes keep theirs
        assertThat(bytes.size()).isZero();
    }

    @Test
    void withServerTimeEveryLineIsTagged() throws Exception {
        assertThat(written(registered("alice", "server-time"), "MSG bob hi"))
                .matches("@time=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z :bob!bob@chat PRIVMSG #general :hi\r\n");
    }
}
