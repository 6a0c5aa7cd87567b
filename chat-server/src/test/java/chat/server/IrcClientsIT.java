package chat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real IRC clients from Debian on the IRC port (docs/IRC.md), talking with the chat's own protocol as {@code nc}
 * speaks it: {@code ii}, a client whose windows are files (a FIFO {@code in}, a log {@code out} per server, channel
 * and private conversation), and WeeChat without its interface ({@code weechat-headless}), typed into through its
 * FIFO and read through its logs, and irssi in a terminal (tmux), typed into and read through its screen and logs:
 * a test drives each as a person would and reads what it shows.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class IrcClientsIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final TestResources resources = new TestResources();
    @TempDir
    Path dir;

    @AfterEach
    void tearDown() throws Exception {
        resources.close();
    }

    /** Writes {@code line} into one of ii's FIFOs, as a person types into that window. */
    private static void type(Path fifo, String line) throws IOException {
        await().atMost(WAIT).until(() -> Files.exists(fifo));
        Files.write(fifo, (line + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.WRITE);
    }

    /** Waits until ii's window {@code out} shows a line ending with {@code text}. */
    private static void awaitShown(Path out, String text) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(
                () -> Files.exists(out) && Files.readAllLines(out).stream().anyMatch(l -> l.endsWith(text)));
    }

    @Test
    @Interop({"ii"})
    void iiLogsInJoinsTalksBothWaysAndKicks() throws Exception {
        ChatServer server = resources.start(ChatServerIT.base().ircPort(0).build());
        TestLineClient bob = resources.track(TestLineClient.login(server.port(), "bob")); // as nc would
        Path home = dir.resolve("ii");
        try (JarProcess ii = JarProcess.command("ii", "-s", "127.0.0.1", "-p", Integer.toString(server.ircPort()),
                "-n", "alice", "-i", home.toString())) {
            Path net = home.resolve("127.0.0.1");
            Path general = net.resolve("#general");
            awaitShown(general.resolve("out"), "-!- alice(alice@chat) has joined #general");
            assertThat(bob.awaitLine("JOIN alice ")).startsWith("JOIN alice ");

            type(general.resolve("in"), "hello from ii");
            assertThat(bob.awaitLine("MSG alice ")).isEqualTo("MSG alice hello from ii");
            bob.send("hello from nc");
            awaitShown(general.resolve("out"), "<bob> hello from nc");

            bob.send("/msg alice psst");
            awaitShown(net.resolve("bob").resolve("out"), "<bob> psst");
            type(net.resolve("in"), "/j bob psst back");
            assertThat(bob.awaitLine("PRIVATE alice ")).isEqualTo("PRIVATE alice bob psst back");

            type(net.resolve("in"), "/j #dev");
            Path dev = net.resolve("#dev");
            awaitShown(dev.resolve("out"), "-!- alice(alice@chat) has joined #dev");
            bob.send("/join #dev");
            awaitShown(dev.resolve("out"), "-!- bob(bob@chat) has joined #dev");
            bob.send("/to #dev in the room");
            awaitShown(dev.resolve("out"), "<bob> in the room");
            type(dev.resolve("in"), "room reply");
            assertThat(bob.awaitLine("IN #dev MSG alice ")).isEqualTo("IN #dev MSG alice room reply");
            type(dev.resolve("in"), "/t release on Friday");
            assertThat(bob.awaitLine("IN #dev TOPIC ")).isEqualTo("IN #dev TOPIC alice release on Friday");
            type(dev.resolve("in"), "/KICK #dev bob :enough"); // ii sends other commands as they are
            assertThat(bob.awaitLine("IN #dev LEAVE ")).isEqualTo("IN #dev LEAVE bob removed by alice: enough");
            awaitShown(dev.resolve("out"), "-!- alice kicked bob  (\"enough\")");

            type(net.resolve("in"), "/q");
            assertThat(bob.awaitLine("LEAVE alice ")).startsWith("LEAVE alice quit");
            assertThat(ii.awaitExit(WAIT)).isZero();
        }
        List<String> shown = Files.readAllLines(home.resolve("127.0.0.1").resolve("#general").resolve("out"));
        assertThat(shown).noneMatch(l -> l.contains("in the room") || l.contains("room reply")); // #dev's stayed there
    }

    /** A server keeping accounts, with an IRC port, where erin registered (password "battery-staple") and left. */
    private ChatServer serverWithErinRegistered() throws IOException {
        ChatServer server = resources.start(ChatServerIT.base().ircPort(0).dataDir(dir.resolve("data"))
                .passwordIterations(1000).allowPlainPasswords(true).build());
        TestLineClient.register(server.port(), "erin", "battery-staple");
        return server;
    }

    /** Waits until WeeChat's log of buffer {@code buffer} has a line that contains {@code text}. */
    private static void awaitLogged(Path home, String buffer, String text) {
        Path log = home.resolve("logs").resolve(buffer + ".weechatlog");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(
                () -> Files.exists(log) && Files.readAllLines(log).stream().anyMatch(l -> l.contains(text)));
    }

    @Test
    @Interop({"weechat-headless"})
    void weechatLogsInWithSaslJoinsTalksBothWaysAndKicks() throws Exception {
        ChatServer server = serverWithErinRegistered();
        TestLineClient bob = resources.track(TestLineClient.login(server.port(), "bob")); // as nc would
        Path home = dir.resolve("weechat");
        Path fifo = home.resolve("fifo");
        String setup = "/set fifo.file.path " + fifo + ";/set logger.file.flush_delay 0"
                + ";/server add chat 127.0.0.1/" + server.ircPort() + " -notls -nicks=erin -username=erin -realname=Erin"
                + " -sasl_mechanism=plain -sasl_username=erin -sasl_password=battery-staple;/connect chat";
        try (JarProcess weechat = JarProcess.command("weechat-headless", "--dir", home.toString(), "--no-script",
                "--plugins", "irc,logger,fifo", "--stdout", "--run-command", setup)) {
            awaitLogged(home, "irc.server.chat", "SASL authentication successful");
            awaitLogged(home, "irc.chat.#general", "erin (erin@chat) has joined #general");
            assertThat(bob.awaitLine("JOIN erin ")).startsWith("JOIN erin ");

            type(fifo, "irc.chat.#general *hello from weechat");
            assertThat(bob.awaitLine("MSG erin ")).isEqualTo("MSG erin hello from weechat");
            bob.send("hello from nc");
            awaitLogged(home, "irc.chat.#general", "bob\thello from nc");

            bob.send("/msg erin psst");
            awaitLogged(home, "irc.chat.bob", "bob\tpsst");
            type(fifo, "irc.chat.bob *psst back");
            assertThat(bob.awaitLine("PRIVATE erin ")).isEqualTo("PRIVATE erin bob psst back");

            type(fifo, "irc.server.chat */join #dev");
            awaitLogged(home, "irc.chat.#dev", "erin (erin@chat) has joined #dev");
            bob.send("/join #dev");
            awaitLogged(home, "irc.chat.#dev", "bob (bob@chat) has joined #dev");
            bob.send("/to #dev in the room");
            awaitLogged(home, "irc.chat.#dev", "bob\tin the room");
            type(fifo, "irc.chat.#dev *room reply");
            assertThat(bob.awaitLine("IN #dev MSG erin ")).isEqualTo("IN #dev MSG erin room reply");
            type(fifo, "irc.chat.#dev */topic release on Friday");
            assertThat(bob.awaitLine("IN #dev TOPIC ")).isEqualTo("IN #dev TOPIC erin release on Friday");
            type(fifo, "irc.chat.#dev */kick bob enough");
            assertThat(bob.awaitLine("IN #dev LEAVE ")).isEqualTo("IN #dev LEAVE bob removed by erin: enough");
            awaitLogged(home, "irc.chat.#dev", "has kicked bob (enough)");

            type(fifo, "irc.server.chat */quit see you");
            assertThat(bob.awaitLine("LEAVE erin ")).startsWith("LEAVE erin quit");
            assertThat(weechat.awaitExit(WAIT)).isZero();
        }
        List<String> shown = Files.readAllLines(home.resolve("logs").resolve("irc.chat.#general.weechatlog"));
        assertThat(shown).noneMatch(l -> l.contains("in the room") || l.contains("room reply")); // #dev's stayed there
    }

    /** Waits until irssi's log of {@code window} (a channel or a nick) has a line that contains {@code text}. */
    private static void awaitIrssiLogged(Path home, String window, String text) {
        Path log = home.resolve("logs").resolve(window + ".log");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(
                () -> Files.exists(log) && Files.readAllLines(log).stream().anyMatch(l -> l.contains(text)));
    }

    /**
     * irssi in a terminal (tmux): it logs in with SASL as irssi does it (NICK and USER only after CAP END), is typed
     * into as a person types, and is read through its screen and its logs.
     */
    @Test
    @Interop({"irssi", "tmux"})
    void irssiInATerminalLogsInWithSaslJoinsTalksBothWaysAndKicks() throws Exception {
        ChatServer server = serverWithErinRegistered();
        TestLineClient bob = resources.track(TestLineClient.login(server.port(), "bob")); // as nc would
        Path home = dir.resolve("irssi");
        Files.createDirectories(home);
        Files.writeString(home.resolve("config"), """
                servers = ( { address = "127.0.0.1"; chatnet = "chat"; port = "%d"; use_tls = "no"; autoconnect = "yes"; } );
                chatnets = { chat = { type = "IRC"; sasl_mechanism = "PLAIN"; sasl_username = "erin"; sasl_password = "battery-staple"; }; };
                settings = {
                  core = { real_name = "Erin"; user_name = "erin"; nick = "erin"; };
                  "fe-common/core" = { autolog = "yes"; autolog_path = "%s/logs/$0.log"; };
                };
                """.formatted(server.ircPort(), home));
        try (Tmux tmux = new Tmux(WAIT)) {
            tmux.start(120, 30, "irssi --home=" + home);
            tmux.awaitScrollback("SASL authentication succeeded");
            awaitIrssiLogged(home, "#general", "erin [erin@chat] has joined #general");
            assertThat(bob.awaitLine("JOIN erin ")).startsWith("JOIN erin ");
            assertThat(tmux.scrollback()).as("registration answered once").noneMatch(
                    row -> row.contains("You may not reregister") || row.contains("Cannot change nickname"));

            tmux.keys("/window goto #general", "Enter");
            tmux.keys("hello from irssi", "Enter");
            assertThat(bob.awaitLine("MSG erin ")).isEqualTo("MSG erin hello from irssi");
            bob.send("hello from nc");
            awaitIrssiLogged(home, "#general", "bob> hello from nc");
            tmux.awaitRow("bob> hello from nc"); // the window shown is #general's (irssi writes "< bob>": no channel mode)

            bob.send("/msg erin psst");
            awaitIrssiLogged(home, "bob", "bob> psst");
            tmux.keys("/msg bob psst back", "Enter");
            assertThat(bob.awaitLine("PRIVATE erin ")).isEqualTo("PRIVATE erin bob psst back");

            tmux.keys("/join #dev", "Enter");
            awaitIrssiLogged(home, "#dev", "erin [erin@chat] has joined #dev");
            bob.send("/join #dev");
            awaitIrssiLogged(home, "#dev", "bob [bob@chat] has joined #dev");
            bob.send("/to #dev in the room");
            awaitIrssiLogged(home, "#dev", "bob> in the room");
            tmux.keys("/window goto #dev", "Enter");
            tmux.keys("room reply", "Enter");
            assertThat(bob.awaitLine("IN #dev MSG erin ")).isEqualTo("IN #dev MSG erin room reply");
            tmux.keys("/topic release on Friday", "Enter");
            assertThat(bob.awaitLine("IN #dev TOPIC ")).isEqualTo("IN #dev TOPIC erin release on Friday");
            tmux.keys("/kick bob enough", "Enter");
            assertThat(bob.awaitLine("IN #dev LEAVE ")).isEqualTo("IN #dev LEAVE bob removed by erin: enough");
            awaitIrssiLogged(home, "#dev", "bob was kicked from #dev by erin [enough]");

            tmux.keys("/quit see you", "Enter");
            assertThat(bob.awaitLine("LEAVE erin ")).startsWith("LEAVE erin quit");
        }
        List<String> shown = Files.readAllLines(home.resolve("logs").resolve("#general.log"));
        assertThat(shown).noneMatch(l -> l.contains("in the room") || l.contains("room reply")); // #dev's stayed there
    }
}
