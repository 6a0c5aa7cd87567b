package chat.server.irc;

import chat.common.protocol.ServerEvent;
import chat.server.session.Dialect;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * IRC, spoken on the IRC port ({@code --irc-port}): an IRC client's connection is a session like any other, its
 * lines translated to the chat's own at the edge, both ways (docs/IRC.md). One per connection.
 */
public final class IrcDialect implements Dialect {
    private final IrcConnection irc;
    private final RelayedLines relays;
    private IrcInput input; // set when the session asks for its streams
    private IrcCommands commands;
    private String listedAs; // the name it is in the directory under, once logged in (reader thread)

    /**
     * @param serverName what the server calls itself to IRC clients
     * @param directory the server's IRC clients, which this one joins once logged in
     * @param relays the IRC form of public lines, shared by the server's IRC clients' writers
     */
    public IrcDialect(String serverName, IrcDirectory directory, RelayedLines relays) {
        this.irc = new IrcConnection(serverName, directory);
        this.relays = relays;
    }

    @Override
    public InputStream input(InputStream socket, Consumer<byte[]> reply) {
        irc.tell = m -> reply.accept(IrcOutput.raw(m));
        commands = new IrcCommands(irc, irc.tell, () -> reply.accept(IrcOutput.releaseLine()));
        input = new IrcInput(socket, commands, () -> reply.accept(IrcOutput.raw(irc.numeric("417", "Input line was too long"))));
        return input;
    }

    @Override
    public OutputStream output(OutputStream socket) {
        return new IrcOutput(socket, new IrcReplies(irc), relays);
    }

    @Override
    public boolean outputGathers() {
        return true;
    }

    @Override
    public void loginEvent(ServerEvent event) {
        input.inject(commands.loginEvent(event));
    }

    @Override
    public void loggedIn(String name) {
        listedAs = name;
        irc.directory.add(name, irc);
        input.loggedIn();
        input.inject(commands.loggedIn());
    }

    @Override
    public void ended() {
        if (listedAs != null) {
            irc.directory.remove(listedAs, irc);
        }
    }
}
