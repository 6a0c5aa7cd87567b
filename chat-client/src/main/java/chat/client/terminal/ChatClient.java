package chat.client.terminal;

import chat.client.core.ChatListener;
import chat.client.core.ChatSession;
import chat.client.core.ClientText;
import chat.client.core.ConnectionState;
import chat.client.core.Conversations;
import chat.client.core.TypedLine;
import chat.client.core.Paste;
import chat.client.text.Tone;
import chat.client.transfer.TransferText;
import chat.client.transfer.TransferView;
import chat.common.protocol.ClientCommand;
import chat.common.protocol.CommandEncoder;
import chat.common.protocol.ServerEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The terminal face of one chat: logs in through a {@link ChatSession}, prints what it hears, and sends
 * what the person types, until the session ends.
 *
 * <p>Exit status: 0 when the person leaves (quit, /quit, end of input); 1 when the server closes the
 * connection or it is lost and not regained. The stdin loop runs on a daemon thread because a read from
 * stdin cannot be interrupted: when the session ends, the main thread returns without waiting for it.
 */
public final class ChatClient implements ChatListener {
    static final String NAME_PROMPT = "Username: ";

    private final ConsoleView view;
    private final EventRenderer renderer;
    private volatile ChatSession session;
    private volatile ConnectionState shown = ConnectionState.CHATTING;
    private volatile boolean saidBye; // the last event was the server's goodbye, which says why
    private boolean noNameGiven; // main thread only: input ended at the name prompt
    private volatile String prompt = "> ";
    private volatile String me = "";

    private final boolean bell;
    /** The last view of each transfer, to tell a change of stage from progress. */
    private final Map<Long, TransferView> transfers = new ConcurrentHashMap<>();
    private volatile boolean statusShown; // a status area shows something now
    private volatile String connectionStatus; // while reconnecting, its one status row; else null
    private volatile String windows; // the row of windows, or null while there is one only
    private final WindowLines windowLines = new WindowLines();
    private final Object screen = new Object(); // held while a line is printed or a window shown: one order on screen

    public ChatClient(ConsoleView view, EventRenderer renderer, boolean bell) {
        this.view = view;
        this.renderer = renderer;
        this.bell = bell;
    }

    /**
     * Logs in on {@code connected}, chats until the end, and returns the exit status.
     *
     * @param name the first name to try, or null to ask
     * @param fromCommandLine whether it came from --name rather than from the person
     */
    public int run(ChatSession connected, String name, boolean fromCommandLine) throws IOException, InterruptedException {
        session = connected;
        String me = login(name, fromCommandLine);
        if (me == null) {
            session.close();
            return noNameGiven ? 0 : 1; // no name at all: the person left before logging in
        }
        renderer.setMe(me);
        this.me = me;
        prompt = me + "> ";
        view.prompt(prompt);
        Thread sender = new Thread(this::sendTyped, "chat-stdin");
        sender.setDaemon(true);
        sender.start();
        while (!session.awaitEnd(1, TimeUnit.HOURS)) {
            // chatting
        }
        return session.left() ? 0 : 1;
    }

    /**
     * Offers names until one is welcomed. A refused name is asked for again, with the server's reason; only
     * a name given on the command line of a script, where nobody could answer, ends the client.
     *
     * @return the name logged in under, or null if login ended without one (the reason has been printed)
     */
    private String login(String name, boolean fromCommandLine) throws IOException {
        while (true) {
            if (name == null) {
                name = askName(view);
                if (name == null) {
                    noNameGiven = true;
                    return null;
                }
            }
            ServerEvent answer = session.login(name);
            if (answer instanceof ServerEvent.Welcome welcome) {
                return welcome.name(); // shown by onEvent, in order with what follows
            }
            view.print(renderer.render(answer), renderer.tone(answer));
            if (answer instanceof ServerEvent.Bye || (fromCommandLine && !view.isInteractive())) {
                return null;
            }
            name = null;
            fromCommandLine = false;
        }
    }

    /** Asks the person for a name until they give a non-blank one; null at the end of input. */
    static String askName(ConsoleView view) {
        while (true) {
            String name = view.readAnswer(NAME_PROMPT);
            if (name == null || !name.isBlank()) {
                return name == null ? null : name.strip();
            }
        }
    }

    @Override
    public void onEvent(ServerEvent event) {
        if (event instanceof ServerEvent.Welcome welcome) {
            renderer.setMe(welcome.name()); // before anything after it is rendered
        }
        saidBye = event instanceof ServerEvent.Bye;
        if (saidBye && session.left()) {
            say("You left.", Tone.NOTICE); // the server's "goodbye" says less
            return;
        }
        Conversations conversations = session.conversations();
        WindowLines.Line line = new WindowLines.Line(renderer.render(event), renderer.tone(event), renderer.messageColumn(event));
        Conversations.Key key;
        synchronized (screen) {
            Conversations.Key before = conversations.current();
            key = conversations.apply(event, renderer.wantsAttention(event));
            Conversations.Key now = conversations.current();
            windowLines.keep(key == null ? now : key, line);
            if (view.clears() && !now.equals(before)) {
                showWindows(); // the status row first: when it first appears it scrolls the screen up a row
                showWindow(now); // a room joined or left: its window, this line at its end
            } else if (!view.clears() || key == null || key.equals(now)) {
                view.print(line.text(), line.tone(), line.column());
            }
        }
        if (bell && renderer.wantsAttention(event)) {
            view.bell();
        }
        if (key != null || event instanceof ServerEvent.Welcome) {
            showWindows();
        }
    }

    /**
     * Where typed lines go ({@code /window N}, {@code /window next}, {@code /window prev}; Alt+1..9 and
     * Ctrl+N/P type these): the prompt names the conversation, and the status area lists them with what was
     * not seen yet. At a terminal the screen shows the window's own lines ({@link WindowLines}); elsewhere every
     * conversation's lines stay in the one scrollback, each marked with its room.
     */
    private void switchWindow(String which) {
        Conversations conversations = session.conversations();
        Conversations.Key key = which.equals("next") ? conversations.beside(1) : which.equals("prev") ? conversations.beside(-1)
                : which.matches("[1-9][0-9]?") ? conversations.numbered(Integer.parseInt(which)) : null;
        if (key == null) {
            say(ClientText.WINDOW_USAGE, Tone.ERROR);
            return;
        }
        conversations.switchTo(key);
        showWindows();
        if (view.clears()) {
            synchronized (screen) {
                showWindow(key);
            }
        }
    }

    /** Clears the screen and shows {@code window}'s last lines there. Holding {@link #screen}. */
    private void showWindow(Conversations.Key window) {
        view.clear();
        for (WindowLines.Line line : windowLines.of(window)) {
            view.print(line.text(), line.tone(), line.column());
        }
    }

    /** The prompt and the status area's row of windows (only once there is more than the default room). */
    private void showWindows() {
        Conversations conversations = session.conversations();
        Conversations.Key current = conversations.current();
        String now = (current.equals(Conversations.Key.DEFAULT) ? "" : "[" + current.name() + "] ") + me + "> ";
        if (!now.equals(prompt)) {
            prompt = now;
            view.prompt(now);
        }
        List<Conversations.Summary> all = conversations.list();
        windowLines.keepOnly(all);
        windows = all.size() < 2 ? null : ClientText.windows(all, current);
        showRunning();
    }

    /**
     * A change of a file transfer: a line when its stage changes; while running, a progress bar in the
     * terminal's status area (below the input line), or on a console without one a line at each quarter.
     */
    @Override
    public void onTransfer(TransferView transfer) {
        TransferView before = transfers.put(transfer.id(), transfer);
        if (before == null || before.stage() != transfer.stage()) {
            Tone tone = transfer.stage() == TransferView.Stage.ENDED ? Tone.ERROR : Tone.NOTICE;
            say(TransferText.line(transfer), tone);
            if (bell && before == null && !transfer.sending()) {
                view.bell(); // a file offered wants an answer
            }
        } else if (transfer.stage() == TransferView.Stage.RUNNING && !statusShown
                && transfer.percent() / 25 > before.percent() / 25) { // no status area: a line at each quarter
            say(TransferText.line(transfer) + ": " + TransferText.progress(transfer), Tone.NOTICE);
        }
        showRunning();
    }

    /**
     * The status area: the connection's row while it is tried again, and the running transfers' progress bars;
     * it is cleared when there is neither.
     */
    private synchronized void showRunning() {
        List<String> bars = new ArrayList<>();
        if (connectionStatus != null) {
            bars.add(connectionStatus);
        }
        if (windows != null) {
            bars.add(windows);
        }
        for (TransferView t : transfers.values()) {
            if (t.stage() == TransferView.Stage.RUNNING) {
                bars.add("#" + t.id() + " " + t.fileName() + (t.sending() ? " to " : " from ") + t.peer() + " "
                        + TransferText.bar(t, 20));
            }
        }
        if (bars.isEmpty() && !statusShown) {
            return;
        }
        statusShown = view.status(bars) && !bars.isEmpty();
    }

    @Override
    public String askPassword(String question) {
        return view.readPassword(question);
    }

    @Override
    public boolean confirm(String question) {
        return view.confirm(question);
    }

    @Override
    public void onUnreadable(String line) {
        view.print(renderer.renderUnreadable(line));
    }

    @Override
    public void onStateChanged(ConnectionState state, String detail) {
        ConnectionState before = shown;
        shown = state;
        if (state == ConnectionState.RECONNECTING) { // one line; then the status row, updated in place
            if (before != ConnectionState.RECONNECTING) {
                say(ClientText.connectionLost(detail), Tone.ERROR);
            }
            connectionStatus = ClientText.reconnecting(detail);
            showRunning();
            return;
        }
        if (connectionStatus != null) {
            connectionStatus = null;
            showRunning();
        }
        if (state == ConnectionState.CHATTING && before == ConnectionState.RECONNECTING) {
            say(ClientText.reconnected(detail), Tone.NOTICE);
        } else if (state == ConnectionState.CLOSED && !session.left() && !saidBye) {
            say(capitalise(detail), Tone.ERROR); // BYE already said why
        }
    }

    /** The stdin loop: sends every typed line; a quit, or the end of input, leaves. */
    private void sendTyped() {
        try {
            while (session.state() != ConnectionState.CLOSED) {
                String read = view.readLine(prompt);
                String line = read != null ? read : CommandEncoder.encode(new ClientCommand.Quit(""));
                if (Paste.isPaste(line)) {
                    view.keep(line);
                    sendPaste(line);
                    continue;
                }
                if (line.strip().toLowerCase(Locale.ROOT).startsWith("/window")) {
                    switchWindow(line.strip().substring("/window".length()).strip().toLowerCase(Locale.ROOT));
                    continue;
                }
                TypedLine typed = TypedLine.parse(line); // the one reading of what was typed
                if (read != null && !typed.carriesPassword()) { // "/register secret" is not kept, not even for Up
                    view.keep(line);
                }
                if (!session.fits(line)) {
                    say(ClientText.LINE_TOO_LONG, Tone.ERROR);
                    continue;
                }
                try {
                    session.send(typed);
                } catch (IOException e) {
                    say(ClientText.notSent(e.getMessage(), line), Tone.ERROR);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            session.close();
        }
    }

    /**
     * A paste of several lines (the terminal marks it as one): sent as text, every line, never as commands,
     * paced so none is refused; above {@value Paste#ASK_ABOVE_LINES} lines the person is asked first.
     */
    private void sendPaste(String paste) throws InterruptedException {
        List<String> lines = Paste.lines(paste);
        Paste.Verdict verdict = Paste.verdict(lines, session::fits);
        if (verdict instanceof Paste.Verdict.Nothing) {
            return;
        }
        if (verdict instanceof Paste.Verdict.TooLong tooLong) {
            say(ClientText.pasteTooLong(tooLong.lines()), Tone.ERROR);
            return;
        }
        if (verdict instanceof Paste.Verdict.Ask) {
            if (!view.confirm(ClientText.askPaste(lines.size()))) {
                say(ClientText.PASTE_NOT_SENT, Tone.NOTICE);
                return;
            }
        }
        say(ClientText.sendingPaste(lines.size(), "Ctrl+C"), Tone.NOTICE);
        AtomicBoolean cancelled = new AtomicBoolean();
        try (ConsoleView.Interrupts ignored = view.onInterrupt(() -> cancelled.set(true))) { // Ctrl+C back after
            int sent = session.sendText(lines, cancelled);
            say(ClientText.pasteEnded(sent, lines.size()), Tone.NOTICE);
        } catch (IOException e) {
            say(ClientText.pasteStopped(e.getMessage()), Tone.ERROR);
        }
    }

    /**
     * A line of the client's own, shown in the window the person is in (and kept with its lines), its continuation
     * rows under its text.
     */
    private void say(String words, Tone tone) {
        WindowLines.Line line = new WindowLines.Line(renderer.notice(words), tone, EventRenderer.NOTICE_COLUMN);
        synchronized (screen) {
            ChatSession s = session;
            if (s != null) {
                windowLines.keep(s.conversations().current(), line);
            }
            view.print(line.text(), line.tone(), line.column());
        }
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
