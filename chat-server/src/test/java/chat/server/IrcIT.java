package chat.server;

import static org.assertj.core.api.Assertions.assertThat;

import chat.server.config.ServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * IRC clients on the IRC port (docs/IRC.md) against a real server over loopback: registration, channels as rooms,
 * lines both ways with the chat's own clients, private lines, kicks, and what IRC answers itself. The IRC side
 * is a raw socket speaking IRC as clients do, so each test sees the exact lines a client gets.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class IrcIT {
    private static final String SERVER = ":chat.server ";
    private final TestResources resources = new TestResources();
    @TempDir
    Path dir;

    @AfterEach
    void tearDown() throws Exception {
        resources.close();
    }

    private ChatServer start() throws IOException {
        return resources.start(ChatServerIT.base().ircPort(0).build());
    }

    private TestLineClient irc(ChatServer server) throws IOException {
        return resources.track(TestLineClient.connectRaw(server.ircPort()));
    }

    /** Registers {@code nick} as IRC clients do, with CAP negotiation asking for {@code caps}; reads up to 366 of #general. */
    private TestLineClient ircLogin(ChatServer server, String nick, String caps) throws IOException {
        TestLineClient c = irc(server);
        c.send("CAP LS 302");
        c.send("NICK " + nick);
        c.send("USER " + nick + " 0 * :" + nick + " here");
        assertThat(c.awaitLine(SERVER + "CAP ")).isEqualTo(SERVER + "CAP * LS :away-notify echo-message message-tags multi-prefix sasl=PLAIN server-time userhost-in-names");
        if (!caps.isEmpty()) {
            c.send("CAP REQ :" + caps);
            assertThat(c.awaitLine(SERVER + "CAP ")).isEqualTo(SERVER + "CAP * ACK :" + caps);
        }
        c.send("CAP END");
        assertThat(c.awaitLine(SERVER + "001 ")).isEqualTo(SERVER + "001 " + nick + " :Welcome to the chat, " + nick);
        c.awaitLine(SERVER + "422 "); // the end of registration
        c.awaitLine(SERVER + "366 " + nick + " #general "); // then #general, as an auto-join
        return c;
    }

    /** A server keeping accounts, where dave registered (password "correct horse") and left. */
    private ChatServer serverWithDaveRegistered() throws IOException {
        ChatServer server = resources.start(ChatServerIT.base().ircPort(0).dataDir(dir).passwordIterations(1000)
                .allowPlainPasswords(true).build());
        TestLineClient.register(server.port(), "dave", "correct horse");
        return server;
    }

    private TestLineClient login(ChatServer server, String name) throws IOException {
        return resources.track(TestLineClient.login(server.port(), name));
    }

    /** The line without its IRCv3 tags. */
    private static String untagged(String line) {
        return line.startsWith("@") ? line.substring(line.indexOf(' ') + 1) : line;
    }

    @Test
    void anIrcClientRegistersAndIsInTheDefaultChannel() throws Exception {
        ChatServer server = start();
        TestLineClient bob = login(server, "bob");
        TestLineClient alice = irc(server);
        alice.send("NICK alice");
        alice.send("USER alice 0 * :Alice");
        List<String> burst = alice.linesUntil(SERVER + "366 ");
        assertThat(burst).last().isEqualTo(SERVER + "366 alice #general :End of /NAMES list");
        assertThat(burst).first().isEqualTo(SERVER + "001 alice :Welcome to the chat, alice");
        assertThat(burst).anyMatch(l -> l.startsWith(SERVER + "005 alice ") && l.contains("CHANTYPES=#")
                && l.contains("PREFIX=(ov)@+") && l.contains("CHANMODES=,,,imst") && l.contains("NICKLEN=20")
                && l.contains("CLIENTTAGDENY=*") // message-tags: no tag of a client's own is relayed
                && l.contains("TARGMAX=PRIVMSG:4,NOTICE:4,JOIN:4,KICK:4,NAMES:4 "));
        assertThat(burst).containsSubsequence(SERVER + "422 alice :MOTD File is missing", ":alice!alice@chat JOIN #general",
                SERVER + "366 alice #general :End of /NAMES list");
        assertThat(burst).anyMatch(l -> l.startsWith(SERVER + "353 alice = #general :") && l.contains("bob")
                && l.contains("alice"));
        assertThat(bob.awaitLine("JOIN alice ")).startsWith("JOIN alice ");
        alice.send("PING :are you there");
        assertThat(alice.awaitLine(SERVER + "PONG")).isEqualTo(SERVER + "PONG chat.server :are you there");
        alice.send("TIME");
        assertThat(alice.readLine()).matches(Pattern.quote(SERVER + "391 alice chat.server :") + "\\w{3}, \\d{1,2} \\w{3} \\d{4} .* GMT");
        alice.send("INFO");
        assertThat(alice.readLine()).startsWith(SERVER + "371 alice :chat: ");
        assertThat(alice.readLine()).isEqualTo(SERVER + "374 alice :End of /INFO list");
        alice.send("DANCE now");
        assertThat(alice.awaitLine(SERVER + "421")).isEqualTo(SERVER + "421 alice DANCE :Unknown command");
    }

    /**
     * WHO of a channel, a nick or a mask of nicks, and WHOIS, show the user and real names USER gave (sanitised) and
     * AWAY (G, 301); the chat's own clients by name alone; an IRC client that left is no longer described. IRC
     * clients that asked for away-notify are told when someone goes away or comes back, and who joins away if they
     * were not told already.
     * USERHOST and ISON tell who of some nicks is online (and, USERHOST, away).
     */
    @Test
    void whoAndWhoisShowUserAndRealNamesAndWhoIsAway() throws Exception {
        ChatServer server = start();
        login(server, "bob");
        TestLineClient carol = irc(server);
        carol.send("NICK carol");
        carol.send("USER ~carol.x! 0 * :\u0002Carol\u0002 Q. \u0007Public");
        carol.awaitLine(SERVER + "366 carol #general ");
        TestLineClient dave = ircLogin(server, "dave", "away-notify");
        TestLineClient alice = ircLogin(server, "alice", "");

        alice.send("WHO CAR*");
        assertThat(alice.readLine()).isEqualTo(SERVER + "352 alice * carol.x chat chat.server carol H :0 Carol Q. Public");
        assertThat(alice.readLine()).isEqualTo(SERVER + "315 alice CAR* :End of /WHO list");
        alice.send("WHO *a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b"); // many stars: no match, and at once
        assertThat(alice.readLine()).isEqualTo(SERVER + "315 alice *a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b :End of /WHO list");

        carol.send("AWAY :\u0002at\u0002 lunch\u0007"); // formatting and control characters are not kept
        assertThat(carol.awaitLine(SERVER + "306 ")).isEqualTo(SERVER + "306 carol :You have been marked as being away");
        assertThat(dave.awaitLine(":carol!")).isEqualTo(":carol!carol@chat AWAY :at lunch");
        alice.send("WHO #general");
        assertThat(alice.linesUntil(SERVER + "315 alice #general ")).contains(
                SERVER + "352 alice #general carol.x chat chat.server carol G :0 Carol Q. Public",
                SERVER + "352 alice #general bob chat chat.server bob H :0 bob",
                SERVER + "352 alice #general alice chat chat.server alice H :0 alice here");
        alice.send("PRIVMSG carol :are you there?");
        assertThat(alice.readLine()).isEqualTo(SERVER + "301 alice carol :at lunch");
        assertThat(carol.awaitLine(":alice!")).isEqualTo(":alice!alice@chat PRIVMSG carol :are you there?");
        alice.send("WHOIS carol");
        assertThat(alice.linesUntil(SERVER + "318 ")).startsWith(SERVER + "311 alice carol carol.x chat * :Carol Q. Public",
                SERVER + "312 alice carol chat.server :chat", SERVER + "301 alice carol :at lunch");
        alice.send("USERHOST carol BOB nobody");
        assertThat(alice.readLine()).isEqualTo(SERVER + "302 alice :carol=-carol@chat bob=+bob@chat");
        alice.send("ISON nobody Carol bob");
        assertThat(alice.readLine()).isEqualTo(SERVER + "303 alice :carol bob");

        dave.send("JOIN #dev");
        dave.awaitLine(SERVER + "366 dave #dev ");
        TestLineClient erin = ircLogin(server, "erin", "away-notify"); // came after carol went away: never told
        erin.send("JOIN #dev");
        erin.awaitLine(SERVER + "366 erin #dev ");
        carol.send("JOIN #dev"); // away still
        assertThat(dave.awaitLine(":carol!")).isEqualTo(":carol!carol@chat JOIN #dev");
        assertThat(erin.awaitLine(":carol!")).isEqualTo(":carol!carol@chat JOIN #dev");
        assertThat(erin.readLine()).as("news to erin, after the JOIN").isEqualTo(":carol!carol@chat AWAY :at lunch");
        carol.send("AWAY");
        assertThat(carol.awaitLine(SERVER + "305 ")).isEqualTo(SERVER + "305 carol :You are no longer marked as being away");
        assertThat(dave.readLine()).as("dave knew: told once, not again after the JOIN").isEqualTo(":carol!carol@chat AWAY");
        assertThat(erin.readLine()).isEqualTo(":carol!carol@chat AWAY");
        alice.send("WHO carol");
        assertThat(alice.awaitLine(SERVER + "352 ")).isEqualTo(SERVER + "352 alice * carol.x chat chat.server carol H :0 Carol Q. Public");
        assertThat(alice.readLine()).isEqualTo(SERVER + "315 alice carol :End of /WHO list");

        carol.send("QUIT :gone");
        assertThat(alice.awaitLine(":carol!")).startsWith(":carol!carol@chat QUIT ");
        login(server, "carol"); // the chat's own client under the name now
        alice.send("WHO carol");
        assertThat(alice.awaitLine(SERVER + "352 ")).isEqualTo(SERVER + "352 alice * carol chat chat.server carol H :0 carol");
    }

    /**
     * User mode {@code +i}: told back when it changes, shown by {@code 221}; a WHO of a mask leaves an invisible IRC
     * client out for those who share no channel with it but {@code #general}, a WHO of its nick does not, nor does
     * sharing a room; a WHO or NAMES of a room from outside it leaves it out; {@code #general}'s names list it.
     */
    @Test
    void anInvisibleIrcClientIsFoundByAMaskOnlyByThoseWhoShareARoomWithIt() throws Exception {
        ChatServer server = start();
        TestLineClient evan = ircLogin(server, "evan", "");
        evan.send("MODE evan");
        assertThat(evan.readLine()).isEqualTo(SERVER + "221 evan :+");
        evan.send("MODE evan +iz");
        assertThat(evan.readLine()).isEqualTo(SERVER + "501 evan :Unknown MODE flag");
        assertThat(evan.readLine()).isEqualTo(":evan!evan@chat MODE evan +i");
        evan.send("MODE evan +i"); // no change: nothing told
        evan.send("MODE evan");
        assertThat(evan.readLine()).isEqualTo(SERVER + "221 evan :+i");
        evan.send("JOIN #dev");
        evan.awaitLine(SERVER + "366 evan #dev ");

        TestLineClient shiv = ircLogin(server, "shiv", "");
        shiv.send("LUSERS"); // everyone online, the invisible counted apart
        assertThat(shiv.readLine()).isEqualTo(SERVER + "251 shiv :There are 1 users and 1 invisible on 1 servers");
        assertThat(shiv.readLine()).isEqualTo(SERVER + "255 shiv :I have 2 clients and 1 servers");
        assertThat(shiv.readLine()).isEqualTo(SERVER + "265 shiv :Current local users: 2");
        assertThat(shiv.readLine()).isEqualTo(SERVER + "266 shiv :Current global users: 2");
        shiv.send("WHO eva*");
        assertThat(shiv.readLine()).isEqualTo(SERVER + "315 shiv eva* :End of /WHO list");
        shiv.send("WHO evan");
        assertThat(shiv.readLine()).isEqualTo(SERVER + "352 shiv * evan chat chat.server evan H :0 evan here");
        assertThat(shiv.readLine()).isEqualTo(SERVER + "315 shiv evan :End of /WHO list");
        shiv.send("WHO #dev");
        assertThat(shiv.readLine()).isEqualTo(SERVER + "315 shiv #dev :End of /WHO list");
        shiv.send("NAMES #dev");
        assertThat(shiv.readLine()).isEqualTo(SERVER + "366 shiv #dev :End of /NAMES list");
        shiv.send("NAMES #general");
        assertThat(shiv.readLine()).isEqualTo(SERVER + "353 shiv = #general :evan shiv");

        shiv.send("JOIN #dev");
        shiv.awaitLine(SERVER + "366 shiv #dev ");
        shiv.send("WHO eva*");
        assertThat(shiv.readLine()).isEqualTo(SERVER + "352 shiv * evan chat chat.server evan H :0 evan here");
        assertThat(shiv.readLine()).isEqualTo(SERVER + "315 shiv eva* :End of /WHO list");
        shiv.send("PART #dev");
        shiv.awaitLine(":shiv!shiv@chat PART #dev");
        shiv.send("WHO eva*");
        assertThat(shiv.awaitLine(SERVER + "315 ")).isEqualTo(SERVER + "315 shiv eva* :End of /WHO list");

        evan.send("MODE evan -i");
        assertThat(evan.awaitLine(":evan!evan@chat MODE ")).isEqualTo(":evan!evan@chat MODE evan -i");
        evan.send("MODE evan");
        assertThat(evan.awaitLine(SERVER + "221 ")).isEqualTo(SERVER + "221 evan :+");
        shiv.send("WHO eva*");
        assertThat(shiv.readLine()).isEqualTo(SERVER + "352 shiv * evan chat chat.server evan H :0 evan here");
        assertThat(shiv.readLine()).isEqualTo(SERVER + "315 shiv eva* :End of /WHO list");
    }

    @Test
    void linesGoBothWaysBetweenIrcAndTheChatsOwnClients() throws Exception {
        ChatServer server = start();
        TestLineClient bob = login(server, "bob");
        TestLineClient alice = ircLogin(server, "alice", "");
        bob.awaitLine("JOIN alice ");

        alice.send("PRIVMSG #general :hello, bob");
        assertThat(bob.awaitLine("MSG alice ")).isEqualTo("MSG alice hello, bob");
        alice.send("PRIVMSG #general :\u0001ACTION waves\u0001");
        assertThat(bob.awaitLine("ACTION alice ")).isEqualTo("ACTION alice waves");
        alice.send("PRIVMSG #general :\u0002bold\u0002 and \u000304,01red\u000f text");
        assertThat(bob.awaitLine("MSG alice ")).isEqualTo("MSG alice bold and red text");
        alice.send("PRIVMSG #general :\u0001VERSION\u0001"); // other CTCP goes nowhere
        alice.send("PRIVMSG bob :psst");
        assertThat(bob.awaitLine("PRIVATE ")).isEqualTo("PRIVATE alice bob psst");

        bob.send("hi alice");
        bob.send("/me smiles");
        bob.send("/msg alice yo");
        // alice's own lines are not echoed back to her (no echo-message), and the VERSION went nowhere
        assertThat(alice.readLine()).isEqualTo(":bob!bob@chat PRIVMSG #general :hi alice");
        assertThat(alice.readLine()).isEqualTo(":bob!bob@chat PRIVMSG #general :\u0001ACTION smiles\u0001");
        assertThat(alice.readLine()).isEqualTo(":bob!bob@chat PRIVMSG alice :yo");

        bob.send("/quit lunch");
        assertThat(alice.readLine()).isEqualTo(":bob!bob@chat QUIT :quit: lunch");
        alice.send("QUIT :bye now");
        assertThat(alice.awaitLine("ERROR ")).startsWith("ERROR :Closing link: ");
    }

    @Test
    void noticesStayNoticesBothWays() throws Exception {
        ChatServer server = start();
        TestLineClient bob = login(server, "bob");
        TestLineClient alice = ircLogin(server, "alice", "");
        bob.awaitLine("JOIN alice ");

        alice.send("NOTICE #general :build 812 is green");
        assertThat(bob.awaitLine("NOTICE ")).isEqualTo("NOTICE alice build 812 is green");
        alice.send("NOTICE bob :your build is green");
        assertThat(bob.awaitLine("PRIVATE_NOTICE ")).isEqualTo("PRIVATE_NOTICE alice bob your build is green");
        alice.send("NOTICE #general :\u0001ACTION nods\u0001"); // an action stays an action
        assertThat(bob.awaitLine("ACTION ")).isEqualTo("ACTION alice nods");

        bob.send("/notice #general deploy done");
        bob.send("/notice alice yours too");
        assertThat(alice.awaitLine(":bob!")).isEqualTo(":bob!bob@chat NOTICE #general :deploy done");
        assertThat(alice.readLine()).isEqualTo(":bob!bob@chat NOTICE alice :yours too");
        alice.send("JOIN #dev");
        alice.awaitLine(SERVER + "366 ");
        bob.send("/join #dev");
        alice.awaitLine(":bob!bob@chat JOIN #dev");
        bob.send("/notice #dev in a room");
        assertThat(alice.awaitLine(":bob!")).isEqualTo(":bob!bob@chat NOTICE #dev :in a room");
    }

    /**
     * multi-prefix (IRCv3): a room operator who is voiced too shows both marks, in NAMES and in WHO alike, to a client
     * that asked for it; to others the higher alone.
     */
    @Test
    void multiPrefixShowsEveryMarkInNamesAndWho() throws Exception {
        ChatServer server = start();
        TestLineClient alice = ircLogin(server, "alice", "multi-prefix");
        TestLineClient carol = ircLogin(server, "carol", "");
        alice.send("JOIN #dev");
        alice.awaitLine(SERVER + "366 alice #dev ");
        carol.send("JOIN #dev");
        carol.awaitLine(SERVER + "366 carol #dev ");
        alice.send("MODE #dev +vv alice carol");
        carol.awaitLine(":alice!alice@chat MODE #dev +v carol");

        alice.send("NAMES #dev");
        assertThat(alice.awaitLine(SERVER + "353 ")).isEqualTo(SERVER + "353 alice = #dev :@+alice +carol");
        alice.send("WHO #dev");
        assertThat(alice.awaitLine(SERVER + "352 ")).isEqualTo(SERVER + "352 alice #dev alice chat chat.server alice H@+ :0 alice here");
        assertThat(alice.readLine()).isEqualTo(SERVER + "352 alice #dev carol chat chat.server carol H+ :0 carol here");
        carol.send("NAMES #dev");
        assertThat(carol.awaitLine(SERVER + "353 ")).isEqualTo(SERVER + "353 carol = #dev :@alice +carol");
        carol.send("WHO #dev");
        assertThat(carol.awaitLine(SERVER + "352 ")).isEqualTo(SERVER + "352 carol #dev alice chat chat.server alice H@ :0 alice here");
        assertThat(carol.readLine()).isEqualTo(SERVER + "352 carol #dev carol chat chat.server carol H+ :0 carol here");
    }

    @Test
    void moderatedAndSecretChannelsAndVoiceAreTheRoomsOwn() throws Exception {
        ChatServer server = start();
        TestLineClient bob = login(server, "bob");
        TestLineClient alice = ircLogin(server, "alice", "");
        TestLineClient carol = ircLogin(server, "carol", "");
        alice.send("JOIN #dev");
        alice.awaitLine(SERVER + "366 ");
        bob.send("/join #dev");
        alice.awaitLine(":bob!bob@chat JOIN #dev");
        carol.send("JOIN #dev");
        alice.awaitLine(":carol!carol@chat JOIN #dev");
        carol.awaitLine(SERVER + "366 ");

        alice.send("MODE #dev +m");
        assertThat(alice.awaitLine(":alice!")).isEqualTo(":alice!alice@chat MODE #dev +m");
        assertThat(carol.awaitLine(":alice!")).isEqualTo(":alice!alice@chat MODE #dev +m");
        assertThat(bob.awaitLine("IN #dev INFO ")).isEqualTo(
                "IN #dev INFO alice made #dev moderated: only its operators and voiced members may speak");
        carol.send("PRIVMSG #dev :may I?");
        assertThat(carol.awaitLine(SERVER)).startsWith(SERVER + "404 carol #dev :#dev is moderated");
        carol.send("NOTICE #dev :not even a notice"); // refused too, and a NOTICE is never answered
        bob.send("/to #dev me neither");
        assertThat(bob.awaitLine("ERROR ")).startsWith("ERROR MODERATED #dev is moderated");
        alice.send("MODE #dev +v carol");
        assertThat(carol.awaitLine(":alice!")).isEqualTo(":alice!alice@chat MODE #dev +v carol");
        assertThat(bob.awaitLine("IN #dev INFO ")).isEqualTo("IN #dev INFO alice let carol speak in #dev while it is moderated");
        carol.send("PRIVMSG #dev :thanks");
        assertThat(bob.awaitLine("IN #dev MSG ")).isEqualTo("IN #dev MSG carol thanks");
        alice.send("NAMES #dev");
        assertThat(alice.awaitLine(SERVER + "353 ")).isEqualTo(SERVER + "353 alice = #dev :@alice bob +carol");
        bob.send("/names #dev");
        assertThat(bob.awaitLine("MEMBERS ")).isEqualTo("MEMBERS #dev @alice bob +carol");
        alice.send("MODE #dev +s");
        assertThat(alice.awaitLine(":alice!")).isEqualTo(":alice!alice@chat MODE #dev +s");
        alice.send("MODE #dev");
        assertThat(alice.awaitLine(SERVER + "324 ")).isEqualTo(SERVER + "324 alice #dev :+mst");
        alice.send("NAMES #dev");
        assertThat(alice.awaitLine(SERVER + "353 ")).isEqualTo(SERVER + "353 alice @ #dev :@alice bob +carol");
        TestLineClient dave = ircLogin(server, "dave", "");
        dave.send("LIST");
        assertThat(dave.linesUntil(SERVER + "323 ")).noneMatch(l -> l.contains("#dev"));
        dave.send("NAMES #dev");
        assertThat(dave.awaitLine(SERVER)).isEqualTo(SERVER + "366 dave #dev :End of /NAMES list");
        alice.send("INVITE dave #dev"); // RPL_INVITING to the inviter, INVITE to the invited
        assertThat(alice.awaitLine(SERVER + "341 ")).isEqualTo(SERVER + "341 alice dave :#dev");
        assertThat(dave.awaitLine(":alice!")).isEqualTo(":alice!alice@chat INVITE dave #dev");
        alice.send("INVITE carol #dev"); // in it already
        assertThat(alice.awaitLine(SERVER + "443 ")).isEqualTo(SERVER + "443 alice carol #dev :is on that channel already");
        dave.send("NAMES #dev,#general"); // a secret room among several: none of its names, and one end for both
        assertThat(dave.readLine()).startsWith(SERVER + "353 dave = #general :");
        assertThat(dave.readLine()).isEqualTo(SERVER + "366 dave #dev,#general :End of /NAMES list");
        alice.send("MODE #dev -v carol");
        assertThat(carol.awaitLine(":alice!alice@chat MODE #dev -")).isEqualTo(":alice!alice@chat MODE #dev -v carol");
        alice.send("MODE #dev -m");
        assertThat(carol.awaitLine(":alice!alice@chat MODE #dev -")).isEqualTo(":alice!alice@chat MODE #dev -m");
        bob.send("/to #dev free again");
        assertThat(carol.awaitLine(":bob!")).isEqualTo(":bob!bob@chat PRIVMSG #dev :free again");
        alice.send("MODE #dev +mxv carol"); // several changes in one line, a letter not known among them
        assertThat(alice.awaitLine(SERVER + "472 ")).startsWith(SERVER + "472 alice x ");
        assertThat(carol.awaitLine(":alice!alice@chat MODE #dev ")).isEqualTo(":alice!alice@chat MODE #dev +m");
        assertThat(carol.awaitLine(":alice!alice@chat MODE #dev ")).isEqualTo(":alice!alice@chat MODE #dev +v carol");
        alice.send("MODE #dev -v+i-m carol");
        assertThat(carol.awaitLine(":alice!alice@chat MODE #dev ")).isEqualTo(":alice!alice@chat MODE #dev -v carol");
        assertThat(carol.awaitLine(":alice!alice@chat MODE #dev ")).isEqualTo(":alice!alice@chat MODE #dev +i");
        assertThat(carol.awaitLine(":alice!alice@chat MODE #dev ")).isEqualTo(":alice!alice@chat MODE #dev -m");
        alice.send("MODE #dev +o");
        assertThat(alice.awaitLine(SERVER + "461 ")).startsWith(SERVER + "461 alice MODE ");
    }

    @Test
    void echoMessageAndServerTimeAreHonoured() throws Exception {
        ChatServer server = start();
        TestLineClient bob = login(server, "bob");
        bob.send("said before alice came");
        bob.awaitLine("MSG bob ");
        TestLineClient alice = irc(server);
        alice.send("CAP REQ :echo-message server-time");
        alice.send("NICK alice");
        alice.send("USER alice 0 * :Alice");
        alice.send("CAP END");
        // the history newcomers get, with its time, after the JOIN (a client drops lines of channels it is not in)
        List<String> burst = alice.linesUntil(SERVER + "366 ");
        int join = burst.indexOf(":alice!alice@chat JOIN #general");
        assertThat(join).isPositive();
        assertThat(burst.get(join + 1)).matches("@time=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.000Z "
                + ":bob!bob@chat PRIVMSG #general :said before alice came");
        alice.send("PRIVMSG #general :mine");
        String echoed = alice.awaitLine("@time=");
        assertThat(untagged(echoed)).isEqualTo(":alice!alice@chat PRIVMSG #general :mine");
        alice.send("PRIVMSG bob :to you");
        assertThat(untagged(alice.awaitLine("@time="))).isEqualTo(":alice!alice@chat PRIVMSG bob :to you");
    }

    @Test
    void messageTagsAreReadButNoClientTagIsRelayed() throws Exception {
        ChatServer server = start();
        TestLineClient bob = login(server, "bob");
        TestLineClient alice = ircLogin(server, "alice", "message-tags echo-message");
        TestLineClient carol = ircLogin(server, "carol", "message-tags");
        bob.awaitLine("JOIN carol ");

        alice.send("@+draft/reply=abc;+typing=done;label=x PRIVMSG #general :tagged hello");
        assertThat(bob.awaitLine("MSG alice ")).isEqualTo("MSG alice tagged hello");
        assertThat(carol.awaitLine(":alice!")).isEqualTo(":alice!alice@chat PRIVMSG #general :tagged hello");
        assertThat(alice.awaitLine(":alice!")).isEqualTo(":alice!alice@chat PRIVMSG #general :tagged hello");

        // a TAGMSG carries only client tags, which are not relayed: nobody gets anything, the next line comes first
        alice.send("@+typing=active TAGMSG #general");
        alice.send("@+typing=active TAGMSG carol");
        alice.send("TAGMSG");
        assertThat(alice.awaitLine(SERVER)).isEqualTo(SERVER + "461 alice TAGMSG :Not enough parameters");
        // tags over IRCv3's 4094 bytes (4096 with '@' and a space): the whole line is refused, not relayed bare
        alice.send("@+big=" + "a".repeat(4089) + " PRIVMSG #general :at the limit");
        alice.send("@+big=" + "a".repeat(4090) + " PRIVMSG #general :over the limit");
        assertThat(alice.awaitLine(SERVER)).isEqualTo(SERVER + "417 alice :Input line was too long");
        alice.send("PRIVMSG #general :after");
        assertThat(carol.readLine()).isEqualTo(":alice!alice@chat PRIVMSG #general :at the limit");
        assertThat(carol.readLine()).isEqualTo(":alice!alice@chat PRIVMSG #general :after");
        assertThat(bob.awaitLine("MSG alice ")).isEqualTo("MSG alice at the limit");
        assertThat(bob.readLine()).isEqualTo("MSG alice after");

        // without message-tags, TAGMSG is not a command it may send
        TestLineClient dan = ircLogin(server, "dan", "");
        dan.send("@+typing=active TAGMSG #general");
        assertThat(dan.awaitLine(SERVER)).isEqualTo(SERVER + "421 dan TAGMSG :Unknown command");
    }

    @Test
    void channelsAreRooms() throws Exception {
        ChatServer server = start();
        TestLineClient bob = login(server, "bob");
        TestLineClient carol = login(server, "carol");
        TestLineClient alice = ircLogin(server, "alice", "");
        alice.send("JOIN #dev");
        assertThat(alice.readLine()).isEqualTo(":alice!alice@chat JOIN #dev");
        assertThat(alice.readLine()).isEqualTo(SERVER + "353 alice = #dev :@alice");
        assertThat(alice.readLine()).isEqualTo(SERVER + "366 alice #dev :End of /NAMES list");
        alice.send("JOIN #dev"); // already in: nothing happens
        alice.send("TOPIC #dev :release on Friday");
        // set right after the join, the topic is still told as a change, not as the join's topic
        assertThat(alice.readLine()).isEqualTo(":alice!alice@chat TOPIC #dev :release on Friday");

        bob.send("/join #dev");
        assertThat(bob.awaitLine("IN #dev TOPIC ")).isEqualTo("IN #dev TOPIC alice release on Friday");
        assertThat(alice.readLine()).isEqualTo(":bob!bob@chat JOIN #dev");
        TestLineClient dave = ircLogin(server, "dave", "");
        dave.send("JOIN #dev");
        assertThat(dave.readLine()).isEqualTo(":dave!dave@chat JOIN #dev");
        assertThat(dave.readLine()).isEqualTo(SERVER + "332 dave #dev :release on Friday");
        assertThat(dave.readLine()).startsWith(SERVER + "333 dave #dev alice!alice@chat ");
        assertThat(dave.readLine()).isEqualTo(SERVER + "353 dave = #dev :@alice bob dave");
        assertThat(dave.readLine()).isEqualTo(SERVER + "366 dave #dev :End of /NAMES list");
        dave.send("PART #dev");
        alice.awaitLine(":dave!dave@chat JOIN #dev");
        assertThat(alice.readLine()).isEqualTo(":dave!dave@chat PART #dev");
        bob.send("/to #dev in the room");
        assertThat(alice.readLine()).isEqualTo(":bob!bob@chat PRIVMSG #dev :in the room");
        alice.send("PRIVMSG #dev :for the room only");
        assertThat(bob.awaitLine("IN #dev MSG alice ")).isEqualTo("IN #dev MSG alice for the room only");

        alice.send("NAMES #dev");
        assertThat(alice.readLine()).isEqualTo(SERVER + "353 alice = #dev :@alice bob");
        assertThat(alice.readLine()).isEqualTo(SERVER + "366 alice #dev :End of /NAMES list");
        alice.send("NAMES #dev,#general,bad"); // several: each channel's names, then one end naming them as asked
        assertThat(alice.readLine()).isEqualTo(SERVER + "353 alice = #dev :@alice bob");
        assertThat(alice.readLine()).startsWith(SERVER + "353 alice = #general :");
        assertThat(alice.readLine()).isEqualTo(SERVER + "366 alice #dev,#general,bad :End of /NAMES list");
        alice.send("WHO #dev");
        assertThat(alice.readLine()).isEqualTo(SERVER + "352 alice #dev alice chat chat.server alice H@ :0 alice here");
        assertThat(alice.readLine()).isEqualTo(SERVER + "352 alice #dev bob chat chat.server bob H :0 bob");
        assertThat(alice.readLine()).isEqualTo(SERVER + "315 alice #dev :End of /WHO list");
        alice.send("TOPIC #dev");
        assertThat(alice.readLine()).isEqualTo(SERVER + "332 alice #dev :release on Friday");
        assertThat(alice.readLine()).startsWith(SERVER + "333 alice #dev alice!alice@chat ");
        alice.send("LIST");
        assertThat(alice.readLine()).isEqualTo(SERVER + "321 alice Channel :Users  Name");
        List<String> list = alice.linesUntil(SERVER + "323 ");
        assertThat(list).contains(SERVER + "322 alice #dev 2 :release on Friday");
        alice.send("LIST #DEV,#nowhere"); // the channels named only
        assertThat(alice.readLine()).isEqualTo(SERVER + "321 alice Channel :Users  Name");
        assertThat(alice.readLine()).isEqualTo(SERVER + "322 alice #dev 2 :release on Friday");
        assertThat(alice.readLine()).isEqualTo(SERVER + "323 alice :End of /LIST");
        alice.send("MODE #dev -t"); // every member may set the topic
        assertThat(alice.readLine()).isEqualTo(":alice!alice@chat MODE #dev -t");
        assertThat(bob.awaitLine("IN #dev INFO ")).isEqualTo("IN #dev INFO alice let every member of #dev set its topic");
        bob.send("/topic #dev bob's now");
        assertThat(alice.readLine()).isEqualTo(":bob!bob@chat TOPIC #dev :bob's now");
        alice.send("MODE #dev +t");
        assertThat(alice.readLine()).isEqualTo(":alice!alice@chat MODE #dev +t");
        alice.send("TOPIC #dev :"); // an empty topic takes it away
        assertThat(alice.readLine()).isEqualTo(":alice!alice@chat TOPIC #dev :");
        assertThat(bob.awaitLine("IN #dev TOPIC alice")).isEqualTo("IN #dev TOPIC alice");
        alice.send("TOPIC #dev");
        assertThat(alice.readLine()).isEqualTo(SERVER + "331 alice #dev :No topic is set");

        TestLineClient erin = login(server, "erin");
        erin.send("/join #dev");
        assertThat(alice.awaitLine(":erin!erin@chat JOIN #dev")).isEqualTo(":erin!erin@chat JOIN #dev");
        alice.send("KICK #dev,#ops bob"); // rooms and nicks pair up, or one room takes them all
        assertThat(alice.readLine()).isEqualTo(SERVER + "461 alice KICK :Not enough parameters");
        alice.send("KICK #dev bob,erin :not now");
        assertThat(bob.awaitLine("IN #dev LEAVE ")).isEqualTo("IN #dev LEAVE bob removed by alice: not now");
        assertThat(erin.awaitLine("IN #dev LEAVE erin ")).isEqualTo("IN #dev LEAVE erin removed by alice: not now");
        assertThat(alice.readLine()).isEqualTo(":alice!alice@chat KICK #dev bob :not now");
        assertThat(alice.readLine()).isEqualTo(":alice!alice@chat KICK #dev erin :not now");
        alice.send("PART #dev :done here");
        assertThat(alice.readLine()).isEqualTo(":alice!alice@chat PART #dev :done here");

        // carol, in #general only, saw nothing of #dev
        bob.send("/to #general marker");
        List<String> seen = new ArrayList<>();
        for (String line = carol.readLine(); !line.equals("MSG bob marker"); line = carol.readLine()) {
            seen.add(line);
        }
        assertThat(seen).noneMatch(l -> l.contains("#dev") || l.contains("room"));
    }

    @Test
    void refusalsComeAsIrcNumerics() throws Exception {
        ChatServer server = start();
        login(server, "bob");
        TestLineClient c = irc(server);
        c.send("JOIN #early");
        assertThat(c.awaitLine(SERVER)).isEqualTo(SERVER + "451 * :You have not registered");
        c.send("NICK bob");
        c.send("USER x 0 * :x");
        assertThat(c.awaitLine(SERVER)).startsWith(SERVER + "433 * bob :");
        c.send("NICK bad[nick]");
        assertThat(c.awaitLine(SERVER)).startsWith(SERVER + "432 * bad[nick] :");
        c.send("NICK *"); // what stands for no nick in IRC's replies is no nick either
        assertThat(c.awaitLine(SERVER)).startsWith(SERVER + "432 * * :Erroneous nickname");
        c.send("NICK carol");
        assertThat(c.awaitLine(SERVER)).isEqualTo(SERVER + "001 carol :Welcome to the chat, carol");
        c.awaitLine(SERVER + "366 carol #general ");
        c.send("PRIVMSG ghost :hello?");
        assertThat(c.readLine()).startsWith(SERVER + "401 carol ghost :");
        c.send("PART #general");
        assertThat(c.readLine()).startsWith(SERVER + "NOTICE carol :everyone stays in #general");
        c.send("NOTICE #nowhere :hi\r\nNOTICE ghost :hi\r\nPING :after the notices"); // a NOTICE gets no answer
        assertThat(c.readLine()).isEqualTo(SERVER + "PONG chat.server :after the notices");
        c.send("PRIVMSG #nowhere :hi");
        assertThat(c.readLine()).startsWith(SERVER + "404 carol #nowhere :");
        c.send("PART #nowhere");
        assertThat(c.readLine()).startsWith(SERVER + "442 carol #nowhere :");
        c.send("JOIN bad,&chan");
        assertThat(c.readLine()).startsWith(SERVER + "403 carol bad :");
        assertThat(c.readLine()).startsWith(SERVER + "403 carol &chan :");
        c.send("PRIVMSG #a,#b,#c,#d,#e :too many");
        assertThat(c.readLine()).startsWith(SERVER + "407 carol ");
        c.send("WHOIS bob");
        assertThat(c.readLine()).isEqualTo(SERVER + "311 carol bob bob chat * :bob");
        assertThat(c.readLine()).isEqualTo(SERVER + "312 carol bob chat.server :chat");
        assertThat(c.readLine()).startsWith(SERVER + "320 carol bob :bob: online since ");
        assertThat(c.readLine()).isEqualTo(SERVER + "318 carol bob :End of /WHOIS list");
        c.send("WHOIS ghost");
        assertThat(c.readLine()).startsWith(SERVER + "401 carol ghost :");
        assertThat(c.readLine()).isEqualTo(SERVER + "318 carol ghost :End of /WHOIS list");
    }

    @Test
    void anIrcFloodIsHeldBackThenCutOffAndHarmsNobodyElse() throws Exception {
        ChatServer server = resources.start(ChatServerIT.base().ircPort(0).rateLimit(5, 5).rateBacklog(5)
                .floodDisconnect(3).build());
        TestLineClient bob = login(server, "bob");
        TestLineClient alice = ircLogin(server, "alice", "");
        StringBuilder flood = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            flood.append(i % 2 == 0 ? "PING :" + i : "PRIVMSG #general :line " + i).append("\r\n");
        }
        alice.sendRaw(flood.toString().getBytes(StandardCharsets.UTF_8));
        List<String> seen = alice.readToEnd();
        assertThat(seen).anyMatch(l -> l.startsWith(SERVER + "NOTICE alice :you are sending too fast; this line was dropped"));
        assertThat(seen.get(seen.size() - 1)).isEqualTo("ERROR :Closing link: flooding: too many lines over the rate limit");
        assertThat(bob.awaitLine("LEAVE alice ")).isEqualTo("LEAVE alice flooding: too many lines over the rate limit");
        bob.send("still here");
        assertThat(bob.awaitLine("MSG bob ")).isEqualTo("MSG bob still here");
    }

    @Test
    void aConnectionThatTalksWithoutLoggingInIsClosed() throws Exception {
        ChatServer server = start();
        TestLineClient c = irc(server);
        StringBuilder pings = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            pings.append("PING :").append(i).append("\r\n");
        }
        c.sendRaw(pings.toString().getBytes(StandardCharsets.UTF_8));
        List<String> seen = c.readToEnd();
        assertThat(seen.stream().filter(l -> l.startsWith(SERVER + "PONG"))).hasSize(100);
        assertThat(seen.get(seen.size() - 1)).startsWith("ERROR :Closing link: ");
    }

    @Test
    void saslPlainLogsInARegisteredNameBeforeTheWelcome() throws Exception {
        ChatServer server = serverWithDaveRegistered();

        TestLineClient c = irc(server);
        c.send("CAP LS");
        assertThat(c.awaitLine(SERVER + "CAP ")).isEqualTo(SERVER + "CAP * LS :away-notify echo-message message-tags multi-prefix sasl server-time userhost-in-names");
        c.send("NICK dave");
        c.send("USER dave 0 * :Dave");
        c.send("CAP REQ :sasl");
        assertThat(c.awaitLine(SERVER + "CAP ")).isEqualTo(SERVER + "CAP * ACK :sasl");
        c.send("AUTHENTICATE SCRAM-SHA-256");
        assertThat(c.readLine()).isEqualTo(SERVER + "908 * PLAIN :are available SASL mechanisms");
        assertThat(c.readLine()).isEqualTo(SERVER + "904 * :SASL authentication failed");
        c.send("AUTHENTICATE PLAIN");
        assertThat(c.readLine()).isEqualTo("AUTHENTICATE +");
        c.send("AUTHENTICATE " + "A".repeat(401)); // IRCv3 splits credentials in chunks of 400 bytes
        assertThat(c.readLine()).isEqualTo(SERVER + "905 * :SASL message too long: at most 400 bytes in one AUTHENTICATE");
        c.send("AUTHENTICATE PLAIN");
        assertThat(c.readLine()).isEqualTo("AUTHENTICATE +");
        for (int i = 0; i < 4; i++) { // more than a name and a password of the chat need
            c.send("AUTHENTICATE " + "QUFB".repeat(100));
        }
        assertThat(c.readLine()).isEqualTo(SERVER + "904 * :SASL authentication failed: credentials too long");
        c.send("AUTHENTICATE PLAIN");
        assertThat(c.readLine()).isEqualTo("AUTHENTICATE +");
        c.send("AUTHENTICATE " + plain("dave", "wrong horse"));
        assertThat(c.readLine()).startsWith(SERVER + "904 * :SASL authentication failed: ");
        c.send("AUTHENTICATE PLAIN");
        assertThat(c.readLine()).isEqualTo("AUTHENTICATE +");
        c.send("AUTHENTICATE " + plain("dave", "correct horse"));
        assertThat(c.readLine()).isEqualTo(SERVER + "900 dave dave!dave@chat dave :You are now logged in as dave");
        assertThat(c.readLine()).isEqualTo(SERVER + "903 dave :SASL authentication successful");
        c.send("PING :still negotiating"); // answered at once; the welcome waits for CAP END
        assertThat(c.readLine()).isEqualTo(SERVER + "PONG chat.server :still negotiating");
        c.send("CAP END");
        assertThat(c.readLine()).isEqualTo(SERVER + "001 dave :Welcome to the chat, dave");
        c.awaitLine(":dave!dave@chat JOIN #general");
        c.awaitLine(SERVER + "366 dave #general ");
        c.send("AUTHENTICATE PLAIN"); // once welcomed, SASL is over: no reauthentication
        assertThat(c.readLine()).isEqualTo(SERVER + "907 dave :You have already authenticated: reauthentication is not offered");

        TestLineClient nobody = irc(server); // a name nobody registered: SASL fails, the login is a guest's
        nobody.send("CAP REQ :sasl");
        nobody.send("NICK erin");
        nobody.send("USER erin 0 * :Erin");
        nobody.send("AUTHENTICATE PLAIN");
        nobody.send("AUTHENTICATE " + plain("erin", "any password"));
        assertThat(nobody.awaitLine(SERVER + "90")).isEqualTo(SERVER + "904 erin :SASL authentication failed: erin is not "
                + "a registered name");
        nobody.send("CAP END");
        assertThat(nobody.awaitLine(SERVER + "001 ")).isEqualTo(SERVER + "001 erin :Welcome to the chat, erin");
        nobody.awaitLine(SERVER + "366 erin #general ");
        nobody.send("AUTHENTICATE PLAIN");
        assertThat(nobody.readLine()).isEqualTo(SERVER + "462 erin :You may not reregister: SASL comes before the welcome");
    }

    /**
     * WHOX (advertised in 005): WHO with {@code %FIELDS[,TOKEN]} is answered with 354s carrying the fields asked
     * for in WHOX's own order (the last after a {@code :}, as IRC allows any last parameter), whatever order they were asked in; the account is the registered name an IRC client
     * proved at login (SASL here), {@code 0} for anyone else; a malformed token is told as {@code 0}.
     */
    @Test
    void whoxAnswersTheFieldsAskedInItsOwnOrderWithTheTokenAndTheAccount() throws Exception {
        ChatServer server = serverWithDaveRegistered();
        login(server, "bob");
        TestLineClient dave = irc(server);
        dave.send("CAP REQ :sasl");
        dave.send("NICK dave");
        dave.send("USER dave 0 * :Dave D.");
        dave.send("AUTHENTICATE PLAIN");
        dave.send("AUTHENTICATE " + plain("dave", "correct horse"));
        dave.awaitLine(SERVER + "903 ");
        dave.send("CAP END");
        dave.awaitLine(SERVER + "366 dave #general ");
        TestLineClient erin = irc(server);
        erin.send("NICK erin");
        erin.send("USER erin 0 * :Erin");
        assertThat(erin.linesUntil(SERVER + "366 erin #general ")).anyMatch(l -> l.startsWith(SERVER + "005 erin ") && l.contains(" WHOX "));

        erin.send("WHO dave %na");
        assertThat(erin.readLine()).isEqualTo(SERVER + "354 erin dave :dave");
        assertThat(erin.readLine()).isEqualTo(SERVER + "315 erin dave :End of /WHO list");
        erin.send("WHOIS dave"); // the account in WHOIS too (330); none for erin
        assertThat(erin.linesUntil(SERVER + "318 ")).contains(SERVER + "330 erin dave dave :is logged in as");
        erin.send("WHOIS erin");
        assertThat(erin.linesUntil(SERVER + "318 ")).noneMatch(l -> l.startsWith(SERVER + "330 "));
        erin.send("WHO erin %an");
        assertThat(erin.readLine()).isEqualTo(SERVER + "354 erin erin :0");
        erin.readLine();
        erin.send("WHO DAVE %rofnt,12");
        assertThat(erin.readLine()).isEqualTo(SERVER + "354 erin 12 dave H n/a :Dave D.");
        assertThat(erin.readLine()).isEqualTo(SERVER + "315 erin DAVE :End of /WHO list");
        erin.send("WHO dave %tn,1234");
        assertThat(erin.readLine()).isEqualTo(SERVER + "354 erin 0 :dave");
        erin.readLine();
        erin.send("WHO #general %tcuihsndlaf,7");
        assertThat(erin.linesUntil(SERVER + "315 erin #general ")).contains(
                SERVER + "354 erin 7 #general bob 255.255.255.255 chat chat.server bob H 0 0 :0",
                SERVER + "354 erin 7 #general dave 255.255.255.255 chat chat.server dave H 0 0 :dave");
        erin.send("WHO dave"); // without %: the plain reply
        assertThat(erin.readLine()).isEqualTo(SERVER + "352 erin * dave chat chat.server dave H :0 Dave D.");
    }

    /**
     * IRC's OPER is the chat's {@code /oper}: 491 for a name that is no operator's, 464 for a wrong password,
     * 381 when it worked; then WHO shows the client with {@code *} and it may do what operators do.
     */
    @Test
    void operGivesAnIrcClientAnOperatorsPowers() throws Exception {
        ServerConfig.Builder config = ChatServerIT.base().ircPort(0).dataDir(dir).passwordIterations(1000)
                .allowPlainPasswords(true).operators(List.of("root"));
        TestAccounts.make(config.build(), "root", "root password");
        ChatServer server = resources.start(config.build());
        TestLineClient bob = login(server, "bob");
        bob.send("/join #dev");
        bob.awaitLine("MEMBERS #dev ");
        TestLineClient alice = ircLogin(server, "alice", "");
        alice.send("JOIN #dev");
        alice.awaitLine(SERVER + "366 alice #dev ");
        alice.send("KICK #dev bob");
        assertThat(alice.awaitLine(SERVER + "482 ")).startsWith(SERVER + "482 alice #dev ");

        alice.send("OPER alice");
        assertThat(alice.readLine()).isEqualTo(SERVER + "461 alice OPER :Not enough parameters");
        alice.send("OPER bob :root password");
        assertThat(alice.readLine()).isEqualTo(SERVER + "491 alice :bob is not one of this server's operators");
        alice.send("OPER root :wrong password");
        assertThat(alice.readLine()).isEqualTo(SERVER + "464 alice :wrong password for root's operator powers");
        alice.send("WHO alice");
        assertThat(alice.readLine()).isEqualTo(SERVER + "352 alice * alice chat chat.server alice H :0 alice here");
        alice.readLine();
        alice.send("OPER root :root password");
        assertThat(alice.readLine()).isEqualTo(SERVER + "381 alice :You are now an IRC operator");
        assertThat(alice.readLine()).isEqualTo(":alice!alice@chat MODE alice +o"); // clients show their user modes
        alice.send("MODE alice");
        assertThat(alice.readLine()).isEqualTo(SERVER + "221 alice :+o");
        alice.send("OPER root :root password"); // again: no change of modes to tell
        assertThat(alice.readLine()).isEqualTo(SERVER + "381 alice :You are now an IRC operator");
        alice.send("PING :after");
        assertThat(alice.readLine()).isEqualTo(SERVER + "PONG chat.server :after");
        alice.send("WHO alice %nf");
        assertThat(alice.readLine()).isEqualTo(SERVER + "354 alice alice :H*");
        alice.readLine();
        alice.send("WHOIS alice");
        assertThat(alice.linesUntil(SERVER + "318 ")).contains(SERVER + "313 alice alice :is an IRC operator");
        alice.send("KICK #dev bob :off you go"); // a server operator may do what any room's operators may
        assertThat(bob.awaitLine("IN #dev LEAVE ")).isEqualTo("IN #dev LEAVE bob removed by alice: off you go");
    }

    /**
     * irssi's order: SASL and CAP END first, NICK and USER after them. The welcome waits for both, and neither is
     * answered as a second registration (447, 462).
     */
    @Test
    void aSaslLoginWhoseNickAndUserComeAfterCapEndIsWelcomedOnceTheyCame() throws Exception {
        TestLineClient c = daveBySaslBeforeNickAndUser("sasl server-time");
        c.send("CAP END");
        c.send("PING :before NICK"); // answered at once; the welcome is not out yet
        assertThat(c.readLine()).isEqualTo(SERVER + "PONG chat.server :before NICK");
        c.send("NICK dave");
        c.send("PING :before USER");
        assertThat(c.readLine()).isEqualTo(SERVER + "PONG chat.server :before USER");
        c.send("USER dave dave 127.0.0.1 :Dave");
        assertThat(c.readLine()).isEqualTo(SERVER + "001 dave :Welcome to the chat, dave");
        assertRegistrationEndedWithoutRefusals(c);
        c.send("USER again 0 * :Again"); // from now on a second registration is one
        assertThat(c.awaitLine(SERVER + "462 ")).isEqualTo(SERVER + "462 dave :You may not reregister");
    }

    /** The rest of the welcome, read up to a PING's answer: registration's end (422), and no NICK or USER refused. */
    private static void assertRegistrationEndedWithoutRefusals(TestLineClient c) throws IOException {
        c.send("PING :registered");
        List<String> after = c.linesUntil(SERVER + "PONG chat.server :registered");
        assertThat(after).anyMatch(l -> l.startsWith(SERVER + "422 "))
                .noneMatch(l -> l.startsWith(SERVER + "447 ") || l.startsWith(SERVER + "462 "));
    }

    /**
     * Another order: SASL, then NICK (another nick than the account's) and USER, then CAP END. The welcome comes at
     * CAP END under the name SASL logged in, and neither NICK nor USER is refused.
     */
    @Test
    void aSaslLoginWhoseNickAndUserComeBeforeCapEndIsWelcomedUnderItsAccount() throws Exception {
        TestLineClient c = daveBySaslBeforeNickAndUser("sasl");
        c.send("NICK someone");
        c.send("USER someone 0 * :Someone");
        c.send("CAP END");
        assertThat(c.readLine()).isEqualTo(SERVER + "001 dave :Welcome to the chat, dave");
        assertRegistrationEndedWithoutRefusals(c);
        c.send("WHO dave");
        assertThat(c.readLine()).isEqualTo(SERVER + "352 dave * someone chat chat.server dave H :0 Someone");
    }

    /** An IRC client that asked for {@code caps} and logged in as dave with SASL, still negotiating, before NICK and USER. */
    private TestLineClient daveBySaslBeforeNickAndUser(String caps) throws IOException {
        TestLineClient c = irc(serverWithDaveRegistered());
        c.send("CAP LS 302");
        c.awaitLine(SERVER + "CAP * LS ");
        c.send("CAP REQ :" + caps);
        c.awaitLine(SERVER + "CAP * ACK ");
        c.send("AUTHENTICATE PLAIN");
        assertThat(c.readLine()).isEqualTo("AUTHENTICATE +");
        c.send("AUTHENTICATE " + plain("dave", "correct horse"));
        c.awaitLine(SERVER + "903 ");
        return c;
    }

    private static String plain(String name, String password) {
        return java.util.Base64.getEncoder().encodeToString(("\0" + name + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aClientMaySendRightAfterJoiningWithoutWaiting() throws Exception {
        ChatServer server = start();
        TestLineClient bob = login(server, "bob");
        bob.send("/join #pipe");
        bob.awaitLine("MEMBERS #pipe ");
        TestLineClient c = irc(server);
        // as bots do: everything in one write, before any answer
        c.send("NICK carol\r\nUSER carol 0 * :c\r\nJOIN #pipe\r\nPRIVMSG #pipe :right away\r\nPRIVMSG #pipe :and again"
                + "\r\nPART #pipe :bye\r\nPING :end");
        assertThat(bob.awaitLine("IN #pipe MSG ")).isEqualTo("IN #pipe MSG carol right away");
        assertThat(bob.readLine()).isEqualTo("IN #pipe MSG carol and again");
        assertThat(bob.readLine()).isEqualTo("IN #pipe LEAVE carol parted: bye");
        List<String> seen = c.linesUntil(SERVER + "PONG");
        assertThat(seen).contains(":carol!carol@chat JOIN #pipe", ":carol!carol@chat PART #pipe bye")
                .noneMatch(l -> l.startsWith(SERVER + "4") && !l.startsWith(SERVER + "422 ")); // no refusal of any of it
        assertThat(seen.get(seen.size() - 1)).isEqualTo(SERVER + "PONG chat.server :end");
    }

    @Test
    void aLongLineReachesAnIrcClientWholeInPartsOfAtMost512Bytes() throws Exception {
        ChatServer server = start();
        TestLineClient bob = login(server, "bob");
        TestLineClient alice = ircLogin(server, "alice", "");
        String text = "é".repeat(1000) + " the end"; // 2008 bytes of UTF-8
        bob.send(text);
        StringBuilder got = new StringBuilder();
        String prefix = ":bob!bob@chat PRIVMSG #general :";
        while (got.length() < text.length()) {
            String line = alice.readLine();
            assertThat(line).startsWith(prefix);
            assertThat((line + "\r\n").getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(512);
            got.append(line.substring(prefix.length()));
        }
        assertThat(got.toString()).isEqualTo(text);
    }

    @Test
    void aRegisteredNickGivesItsPasswordWithPassOrWhenAsked() throws Exception {
        ChatServer server = serverWithDaveRegistered();

        TestLineClient withPass = irc(server);
        withPass.send("PASS :correct horse");
        withPass.send("NICK dave");
        withPass.send("USER dave 0 * :Dave");
        assertThat(withPass.awaitLine(SERVER + "001 ")).isEqualTo(SERVER + "001 dave :Welcome to the chat, dave");
        withPass.send("QUIT");
        withPass.readToEnd();

        TestLineClient asked = irc(server);
        asked.send("NICK dave");
        asked.send("USER dave 0 * :Dave");
        assertThat(asked.awaitLine(SERVER + "NOTICE")).contains("dave is registered: send its password with /quote PASS");
        asked.send("PASS wrong password");
        assertThat(asked.awaitLine(SERVER)).startsWith(SERVER + "464 * :");
        asked.send("NICK dave");
        asked.awaitLine(SERVER + "NOTICE");
        asked.send("PASS :correct horse");
        assertThat(asked.awaitLine(SERVER + "001 ")).isEqualTo(SERVER + "001 dave :Welcome to the chat, dave");
    }
}
