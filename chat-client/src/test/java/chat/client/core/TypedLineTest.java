package chat.client.core;

import static org.assertj.core.api.Assertions.assertThat;

import chat.client.transfer.FileTransfers;
import chat.common.protocol.ClientCommand;
import org.junit.jupiter.api.Test;

/** A typed line is read once, into what the server reads or a file command the client carries out. */
class TypedLineTest {
    @Test
    void fileCommandsAreTheClientsWithWhatTheyLeaveOut() {
        assertThat(TypedLine.parse("/send bob ~/notes.txt")).isEqualTo(new TypedLine.SendFile("bob", "~/notes.txt"));
        assertThat(TypedLine.parse("/SEND bob  my file.txt ")).isEqualTo(new TypedLine.SendFile("bob", "my file.txt"));
        assertThat(TypedLine.parse("/send bob")).isEqualTo(new TypedLine.Misused(FileTransfers.SEND_USAGE));
        assertThat(TypedLine.parse("/accept")).isEqualTo(new TypedLine.Answer(true, 0));
        assertThat(TypedLine.parse("/decline #7")).isEqualTo(new TypedLine.Answer(false, 7));
        assertThat(TypedLine.parse("/accept soon")).isEqualTo(new TypedLine.Misused("/accept [ID]"));
        assertThat(TypedLine.parse("/cancel")).isEqualTo(new TypedLine.Cancel(0));
        assertThat(TypedLine.parse("/cancel all")).isEqualTo(new TypedLine.Misused(FileTransfers.CANCEL_USAGE));
        assertThat(TypedLine.parse("/cancel 3")).isEqualTo(new TypedLine.Cancel(3));
        assertThat(TypedLine.parse("/transfers")).isEqualTo(new TypedLine.ListTransfers());
    }

    @Test
    void everythingElseIsForTheServerAsItWillReadIt() {
        assertThat(TypedLine.parse("hello")).isEqualTo(new TypedLine.ForServer(new ClientCommand.Say("hello"), "hello"));
        assertThat(TypedLine.parse("/msg bob hi")).isEqualTo(new TypedLine.ForServer(new ClientCommand.PrivateMsg("bob", "hi"), "/msg bob hi"));
        assertThat(TypedLine.parse("quit")).isEqualTo(new TypedLine.ForServer(new ClientCommand.Quit(""), "quit"));
        assertThat(TypedLine.parse("//send is text")).isEqualTo(new TypedLine.ForServer(new ClientCommand.Say("/send is text"), "//send is text"));
    }

    @Test
    void aLineWithAPasswordIsToldSoAndAQuitToo() {
        assertThat(TypedLine.parse("/register hunter22").carriesPassword()).isTrue();
        assertThat(TypedLine.parse("/Password x").carriesPassword()).isTrue();
        assertThat(TypedLine.parse("/register").carriesPassword()).isFalse();
        assertThat(TypedLine.parse("/oper root hunter22").carriesPassword()).isTrue();
        assertThat(TypedLine.parse("/oper root").carriesPassword()).isFalse(); // the client asks for it
        assertThat(TypedLine.parse("register hunter22").carriesPassword()).isFalse();
        assertThat(TypedLine.parse("//register x").carriesPassword()).isFalse();
        assertThat(TypedLine.parse("/send bob x").carriesPassword()).isFalse();
        assertThat(TypedLine.parse("quit").quits()).isTrue();
        assertThat(TypedLine.parse("/QUIT bye").quits()).isTrue();
        assertThat(TypedLine.parse("quit now").quits()).isFalse();
    }
}
