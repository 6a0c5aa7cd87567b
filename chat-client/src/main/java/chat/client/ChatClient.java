package chat.client;

import chat.common.protocol.ClientCommand;
import chat.common.protocol.CommandParser;
import chat.common.protocol.ErrorCode;
import chat.common.protocol.EventCodec;
import chat.common.protocol.ProtocolException;
import chat.common.protocol.ServerEvent;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One chat from login to exit: logs in, then runs the receiver thread (server lines to the screen) beside
 * the stdin loop (typed lines to the server), and decides the exit status.
 *
 * <p>Exit status: 0 when the person leaves (quit, /quit, end of input); 1 when the server closes the
 * connection or it is lost. The stdin loop runs on a daemon thread because a read from stdin cannot be
 * interrupted: when the server goes away, the main thread returns without waiting for it.
 */
final class ChatClient {
    static final String NAME_PROMPT = "Username: ";
    private static final int LOGIN_TIMEOUT_MILLIS = 30_000;
    private static final long QUIT_WAIT_SECONDS = 5;

    private final ServerConnection connection;
    private final ConsoleView view;
    private final EventRenderer renderer;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final Pacer pacer = new Pacer(System::nanoTime);
    private volatile boolean leaving;
    private String prompt = "> ";

    ChatClient(ServerConnection connection, ConsoleView view, EventRenderer renderer) {
        this.connection = connection;
        this.view = view;
        this.renderer = renderer;
    }

    /**
     * Logs in, chats until the end, and returns the exit status.
     *
     * @param name the first name to try
     * @param fromCommandLine whether it came from --name rather than from the person
     */
    int run(String name, boolean fromCommandLine) throws IOException, InterruptedException {
        String me = login(name, fromCommandLine);
        if (me == null) {
            return 1;
        }
        renderer.setMe(me);
        prompt = me + "> ";
        Thread receiver = new Thread(this::receive, "chat-receiver");
        Thread sender = new Thread(this::sendTyped, "chat-stdin");
        sender.setDaemon(true);
        receiver.start();
        sender.start();
        try {
            return exit.get();
        } catch (ExecutionException e) {
            return 1;
        } finally {
            connection.close();
            receiver.join(TimeUnit.SECONDS.toMillis(QUIT_WAIT_SECONDS));
        }
    }

    /**
     * Sends names until one is welcomed. A refused name is asked for again, with the server's reason; only
     * a name given on the command line of a script, where nobody could answer, ends the client.
     *
     * @return the name logged in under, or null if login failed (the reason has been printed)
     */
    private String login(String name, boolean fromCommandLine) throws IOException {
        connection.setReadTimeout(LOGIN_TIMEOUT_MILLIS);
        try {
            if (!(next() instanceof ServerEvent.Hello)) {
                view.print("Error: the server did not greet like a chat server");
                return null;
            }
            while (true) {
                if (name == null) {
                    name = askName(view);
                    if (name == null) {
                        return null;
                    }
                }
                connection.send(name);
                ServerEvent answer = nextLoginAnswer();
                if (answer instanceof ServerEvent.Welcome welcome) {
                    view.print(renderer.render(welcome), renderer.tone(welcome));
                    connection.setReadTimeout(0);
                    return welcome.name();
                }
                view.print(renderer.render(answer), renderer.tone(answer));
                if (answer instanceof ServerEvent.Bye || (fromCommandLine && !view.isInteractive())) {
                    return null;
                }
                name = null;
                fromCommandLine = false;
            }
        } catch (SocketTimeoutException e) {
            view.print("Error: the server did not answer the login in time");
            return null;
        }
    }

    /** Asks the person for a name until they give a non-blank one; null at the end of input. */
    static String askName(ConsoleView view) {
        while (true) {
            String name = view.readLine(NAME_PROMPT);
            if (name == null || !name.isBlank()) {
                return name == null ? null : name.strip();
            }
        }
    }

    /** Skips lines until WELCOME, a name error or BYE; anything else is shown. */
    private ServerEvent nextLoginAnswer() throws IOException {
        while (true) {
            ServerEvent event = next();
            if (event instanceof ServerEvent.Welcome || event instanceof ServerEvent.Bye) {
                return event;
            }
            if (event instanceof ServerEvent.Limits limits) {
                pacer.update(limits);
                continue;
            }
            if (event instanceof ServerEvent.Error error
                    && (error.code() == ErrorCode.NAME_TAKEN || error.code() == ErrorCode.NAME_INVALID)) {
                return event;
            }
            view.print(renderer.render(event));
        }
    }

    /** The next event that can be read; unreadable lines are shown as they are. */
    private ServerEvent next() throws IOException {
        while (true) {
            String line = connection.readLine();
            if (line == null) {
                return new ServerEvent.Bye("the server closed the connection");
            }
            try {
                return EventCodec.decode(line);
            } catch (ProtocolException e) {
                view.print(renderer.renderUnreadable(line));
            }
        }
    }

    /** The receiver thread: prints every event until the connection ends. */
    private void receive() {
        boolean saidBye = false;
        try {
            String line;
            while ((line = connection.readLine()) != null) {
                try {
                    ServerEvent event = EventCodec.decode(line);
                    saidBye |= event instanceof ServerEvent.Bye;
                    if (event instanceof ServerEvent.Limits limits) {
                        pacer.update(limits); // for the sender, not for the screen
                        continue;
                    }
                    view.print(renderer.render(event), renderer.tone(event));
                } catch (ProtocolException e) {
                    view.print(renderer.renderUnreadable(line));
                }
            }
            if (!leaving && !saidBye) {
                view.print("* The server closed the connection");
            }
        } catch (IOException e) {
            if (!leaving) {
                view.print("* Connection lost: " + e.getMessage());
            }
        } finally {
            exit.complete(leaving ? 0 : 1);
        }
    }

    /** The stdin loop: sends every typed line; a quit, or the end of input, leaves. */
    private void sendTyped() {
        try {
            while (!exit.isDone()) {
                String line = view.readLine(prompt);
                if (line == null) {
                    line = "/quit";
                }
                boolean quit = CommandParser.parse(line) instanceof ClientCommand.Quit;
                if (quit) {
                    leaving = true;
                } else if (!pacer.fits(line)) {
                    view.print("! Not sent: the line is longer than the server takes; split it");
                    continue;
                }
                pacer.acquire(); // within the server's rate: a paste or a piped file loses no line
                connection.send(line);
                if (quit) {
                    awaitServerGoodbye();
                    return;
                }
            }
        } catch (IOException e) {
            if (!leaving) {
                view.print("* Connection lost: " + e.getMessage());
            }
            exit.complete(leaving ? 0 : 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit.complete(leaving ? 0 : 1);
        }
    }

    /** After a quit the server says BYE and closes; wait for that, but not forever. */
    private void awaitServerGoodbye() {
        try {
            exit.get(QUIT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            exit.complete(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit.complete(0);
        }
    }
}
