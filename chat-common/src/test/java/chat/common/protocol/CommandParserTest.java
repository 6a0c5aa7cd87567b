package chat.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandParserTest {

    @Test
    void parsesPlainTextAsSay() {
        assertThat(CommandParser.parse("hello there")).isEqualTo(new ClientCommand.Say("hello there"));
    }

    @Test
    void keepsLiteralSlashAfterDoubleSlash() {
        assertThat(CommandParser.parse("//msg is a command")).isEqualTo(new ClientCommand.Say("/msg is a command"));
        assertThat(CommandParser.parse("//")).isEqualTo(new ClientCommand.Say("/"));
    }

    @Test
    void parsesPrivateMessage() {
        assertThat(CommandParser.parse("/msg bob see  you later"))
                .isEqualTo(new ClientCommand.PrivateMsg("bob", "see  you later"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/msg", "/msg bob", "/msg bob ", "/msg bob    ", "/msg  "})
    void rejectsPrivateMessageWithoutNameOrText(String line) {
        assertThat(CommandParser.parse(line)).isEqualTo(new ClientCommand.Malformed(CommandParser.MSG_USAGE));
    }

    @Test
    void parsesListHelpAndQuit() {
        assertThat(CommandParser.parse("/list")).isEqualTo(new ClientCommand.ListUsers());
        assertThat(CommandParser.parse("/LIST")).isEqualTo(new ClientCommand.ListUsers());
        assertThat(CommandParser.parse("/help")).isEqualTo(new ClientCommand.Help());
        assertThat(CommandParser.parse("/quit")).isEqualTo(new ClientCommand.Quit(""));
        assertThat(CommandParser.parse("/quit see you")).isEqualTo(new ClientCommand.Quit("see you"));
        assertThat(CommandParser.parse("quit")).isEqualTo(new ClientCommand.Quit(""));
    }

    @Test
    void parsesAnAction() {
        assertThat(CommandParser.parse("/me waves")).isEqualTo(new ClientCommand.Me("waves"));
        assertThat(CommandParser.parse("/ME  waves")).isEqualTo(new ClientCommand.Me(" waves"));
        assertThat(CommandParser.parse("/notice #dev build  is green")).isEqualTo(new ClientCommand.Notice("#dev", "build  is green"));
        assertThat(CommandParser.parse("/NOTICE bob  psst")).isEqualTo(new ClientCommand.Notice("bob", " psst"));
        assertThat(((ClientCommand.Notice) CommandParser.parse("/notice #general hi")).toRoom()).isTrue();
        assertThat(((ClientCommand.Notice) CommandParser.parse("/notice bob hi")).toRoom()).isFalse();
        assertThat(CommandParser.parse("/notice bob")).isEqualTo(new ClientCommand.Malformed(CommandParser.NOTICE_USAGE));
        assertThat(CommandParser.parse("/notice bob   ")).isEqualTo(new ClientCommand.Malformed(CommandParser.NOTICE_USAGE));
        assertThat(CommandParser.parse("/me")).isEqualTo(new ClientCommand.Malformed(CommandParser.ME_USAGE));
    }

    @Test
    void saysAnyTextVerbatimWithSay() {
        assertThat(CommandParser.parse("/say quit")).isEqualTo(new ClientCommand.Say("quit"));
        assertThat(CommandParser.parse("/say /msg bob  hi")).isEqualTo(new ClientCommand.Say("/msg bob  hi"));
        assertThat(CommandParser.parse("/say  two spaces")).isEqualTo(new ClientCommand.Say(" two spaces"));
        assertThat(CommandParser.parse("/say")).isEqualTo(new ClientCommand.Malformed(CommandParser.SAY_USAGE));
    }

    @Test
    void treatsQuitInsideTextAsText() {
        assertThat(CommandParser.parse("quit it")).isEqualTo(new ClientCommand.Say("quit it"));
        assertThat(CommandParser.parse(" quit")).isEqualTo(new ClientCommand.Say(" quit"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t  "})
    void ignoresBlankLines(String line) {
        assertThat(CommandParser.parse(line)).isEqualTo(new ClientCommand.Blank());
    }

    @Test
    void reportsUnknownCommandByItsWord() {
        assertThat(CommandParser.parse("/dance wildly")).isEqualTo(new ClientCommand.Unknown("/dance"));
        assertThat(CommandParser.parse("/")).isEqualTo(new ClientCommand.Unknown("/"));
    }

    @Test
    void takesPasswordsExactlyAsTypedAndNeverShowsThem() {
        assertThat(CommandParser.parse("/register  two words ")).isEqualTo(new ClientCommand.Register(" two words "));
        assertThat(CommandParser.parse("/PASSWORD s3cret")).isEqualTo(new ClientCommand.ChangePassword("s3cret"));
        assertThat(CommandParser.parse("/register")).isEqualTo(new ClientCommand.Malformed(CommandParser.REGISTER_USAGE));
        assertThat(CommandParser.parse("/password")).isEqualTo(new ClientCommand.Malformed(CommandParser.PASSWORD_USAGE));
        assertThat(CommandParser.parse("/unregister")).isEqualTo(new ClientCommand.Unregister());
        assertThat(CommandParser.parse("/register hunter22").toString()).doesNotContain("hunter22");
        assertThat(CommandParser.parse("/password hunter22").toString()).doesNotContain("hunter22");
        assertThat(CommandParser.parse("/oper root  two words ")).isEqualTo(new ClientCommand.Oper("root", " two words "));
        assertThat(CommandParser.parse("/oper root hunter22").toString()).doesNotContain("hunter22");
        for (String malformed : List.of("/oper", "/oper root", "/oper root ", "/oper  hunter22")) {
            assertThat(CommandParser.parse(malformed)).as(malformed).isEqualTo(new ClientCommand.Malformed(CommandParser.OPER_USAGE));
        }
    }

    @Test
    void parsesModeration() {
        assertThat(CommandParser.parse("/kick bob")).isEqualTo(new ClientCommand.Kick("bob", ""));
        assertThat(CommandParser.parse("/kick  bob  stop that ")).isEqualTo(new ClientCommand.Kick("bob", "stop that"));
        assertThat(CommandParser.parse("/kick")).isEqualTo(new ClientCommand.Malformed(CommandParser.KICK_USAGE));
        assertThat(CommandParser.parse("/ban bob")).isEqualTo(new ClientCommand.Ban("bob", null, ""));
        assertThat(CommandParser.parse("/ban bob 2h spam")).isEqualTo(new ClientCommand.Ban("bob", Duration.ofHours(2), "spam"));
        assertThat(CommandParser.parse("/ban 10.0.0.0/24 for spam")).isEqualTo(new ClientCommand.Ban("10.0.0.0/24", null, "for spam"));
        assertThat(CommandParser.parse("/ban ::1 7d")).isEqualTo(new ClientCommand.Ban("::1", Duration.ofDays(7), ""));
        assertThat(CommandParser.parse("/ban")).isEqualTo(new ClientCommand.Malformed(CommandParser.BAN_USAGE));
        assertThat(CommandParser.parse("/unban bob")).isEqualTo(new ClientCommand.Unban("bob"));
        assertThat(CommandParser.parse("/unban")).isEqualTo(new ClientCommand.Malformed(CommandParser.UNBAN_USAGE));
        assertThat(CommandParser.parse("/bans")).isEqualTo(new ClientCommand.ListBans());
        assertThat(CommandParser.parse("/whois bob")).isEqualTo(new ClientCommand.Whois("bob"));
        assertThat(CommandParser.parse("/whois")).isEqualTo(new ClientCommand.Malformed(CommandParser.WHOIS_USAGE));
    }

    @Test
    void readsDurations() {
        assertThat(CommandParser.duration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(CommandParser.duration("30M")).isEqualTo(Duration.ofMinutes(30));
        assertThat(CommandParser.duration("2w")).isEqualTo(Duration.ofDays(14));
        assertThat(CommandParser.duration("0h")).isNull();
        assertThat(CommandParser.duration("h")).isNull();
        assertThat(CommandParser.duration("1y")).isNull();
        assertThat(CommandParser.duration("spam")).isNull();
    }

    @Test
    void readsTheFileTransferCommands() {
        String hash = "ab".repeat(32);
        assertThat(CommandParser.parse("/offer bob 12 " + hash + " my notes.txt"))
                .isEqualTo(new ClientCommand.Offer("bob", 12, hash, "my notes.txt"));
        for (String bad : List.of("/offer", "/offer bob", "/offer bob 12 " + hash, "/offer bob x " + hash + " f",
                "/offer bob -1 " + hash + " f", "/offer bob 12 " + hash.toUpperCase() + " f", "/offer bob 12 abc f")) {
            assertThat(CommandParser.parse(bad)).as(bad).isEqualTo(new ClientCommand.Malformed(CommandParser.OFFER_USAGE));
        }
        assertThat(CommandParser.parse("/accept 3")).isEqualTo(new ClientCommand.Accept(3));
        assertThat(CommandParser.parse("/ACCEPT #3 ")).isEqualTo(new ClientCommand.Accept(3));
        assertThat(CommandParser.parse("/decline 4")).isEqualTo(new ClientCommand.Decline(4));
        assertThat(CommandParser.parse("/cancel 5")).isEqualTo(new ClientCommand.Cancel(5));
        assertThat(CommandParser.parse("/accept")).isEqualTo(new ClientCommand.Malformed(CommandParser.ACCEPT_USAGE));
        assertThat(CommandParser.parse("/decline 0")).isEqualTo(new ClientCommand.Malformed(CommandParser.DECLINE_USAGE));
        assertThat(CommandParser.parse("/cancel five")).isEqualTo(new ClientCommand.Malformed(CommandParser.CANCEL_USAGE));
    }

    @Test
    void readsTheRoomCommandsWithTheRoomLeftOutWhereItMayBe() {
        assertThat(CommandParser.parse("/join #dev")).isEqualTo(new ClientCommand.Join("#dev"));
        assertThat(CommandParser.parse("/JOIN dev ")).isEqualTo(new ClientCommand.Join("dev"));
        assertThat(CommandParser.parse("/part")).isEqualTo(new ClientCommand.Part("", ""));
        assertThat(CommandParser.parse("/part dev off to lunch")).isEqualTo(new ClientCommand.Part("dev", "off to lunch"));
        assertThat(CommandParser.parse("/rooms")).isEqualTo(new ClientCommand.ListRooms());
        assertThat(CommandParser.parse("/topic")).isEqualTo(new ClientCommand.Topic("", ""));
        assertThat(CommandParser.parse("/topic #dev")).isEqualTo(new ClientCommand.Topic("#dev", ""));
        assertThat(CommandParser.parse("/topic #dev release on Friday")).isEqualTo(new ClientCommand.Topic("#dev", "release on Friday"));
        assertThat(CommandParser.parse("/topic dev talk")).isEqualTo(new ClientCommand.Topic("", "dev talk")); // no '#': text
        assertThat(CommandParser.parse("/names")).isEqualTo(new ClientCommand.Names(""));
        assertThat(CommandParser.parse("/to #dev  two spaces")).isEqualTo(new ClientCommand.To("#dev", new ClientCommand.Say(" two spaces")));
        assertThat(CommandParser.parse("/to dev /me waves")).isEqualTo(new ClientCommand.To("dev", new ClientCommand.Me("waves")));
        assertThat(CommandParser.parse("/to dev //etc")).isEqualTo(new ClientCommand.To("dev", new ClientCommand.Say("/etc")));
        assertThat(CommandParser.parse("/invite bob")).isEqualTo(new ClientCommand.Invite("bob", ""));
        assertThat(CommandParser.parse("/invite bob #ops")).isEqualTo(new ClientCommand.Invite("bob", "#ops"));
        assertThat(CommandParser.parse("/invite-only on")).isEqualTo(new ClientCommand.InviteOnly("", true));
        assertThat(CommandParser.parse("/invite-only #ops OFF")).isEqualTo(new ClientCommand.InviteOnly("#ops", false));
        assertThat(CommandParser.parse("/topic-lock off")).isEqualTo(new ClientCommand.TopicLock("", false));
        assertThat(CommandParser.parse("/topic-lock #ops ON")).isEqualTo(new ClientCommand.TopicLock("#ops", true));
        assertThat(CommandParser.parse("/op #dev bob")).isEqualTo(new ClientCommand.RoomOperator("#dev", "bob", true));
        assertThat(CommandParser.parse("/deop bob")).isEqualTo(new ClientCommand.RoomOperator("", "bob", false));
        assertThat(CommandParser.parse("/moderated #dev on")).isEqualTo(new ClientCommand.Moderated("#dev", true));
        assertThat(CommandParser.parse("/secret off")).isEqualTo(new ClientCommand.Secret("", false));
        assertThat(CommandParser.parse("/voice #dev bob")).isEqualTo(new ClientCommand.Voice("#dev", "bob", true));
        assertThat(CommandParser.parse("/DEVOICE bob")).isEqualTo(new ClientCommand.Voice("", "bob", false));
        assertThat(CommandParser.parse("/remove bob spam")).isEqualTo(new ClientCommand.Remove("", "bob", "spam"));
        assertThat(CommandParser.parse("/remove #dev bob")).isEqualTo(new ClientCommand.Remove("#dev", "bob", ""));
        assertThat(CommandParser.parse("/close #dev done here")).isEqualTo(new ClientCommand.CloseRoom("#dev", "done here"));
        List<String[]> bad = List.of(new String[] {"/join", CommandParser.JOIN_USAGE}, new String[] {"/join a b", CommandParser.JOIN_USAGE},
                new String[] {"/to #dev", CommandParser.TO_USAGE}, new String[] {"/to #dev /list", CommandParser.TO_USAGE},
                new String[] {"/invite", CommandParser.INVITE_USAGE}, new String[] {"/invite a b c", CommandParser.INVITE_USAGE},
                new String[] {"/invite-only maybe", CommandParser.INVITE_ONLY_USAGE},
                new String[] {"/topic-lock", CommandParser.TOPIC_LOCK_USAGE}, new String[] {"/op", CommandParser.OP_USAGE},
                new String[] {"/deop #dev", CommandParser.DEOP_USAGE}, new String[] {"/op a b", CommandParser.OP_USAGE},
                new String[] {"/moderated", CommandParser.MODERATED_USAGE}, new String[] {"/secret #dev yes", CommandParser.SECRET_USAGE},
                new String[] {"/voice #dev", CommandParser.VOICE_USAGE}, new String[] {"/devoice a b", CommandParser.DEVOICE_USAGE},
                new String[] {"/remove #dev", CommandParser.REMOVE_USAGE}, new String[] {"/close", CommandParser.CLOSE_USAGE});
        for (String[] line : bad) {
            assertThat(CommandParser.parse(line[0])).as(line[0]).isEqualTo(new ClientCommand.Malformed(line[1]));
        }
    }
}
