package chat.client.window;

import chat.client.core.ChatListener;
import chat.client.core.ChatSession;
import chat.client.core.ClientText;
import chat.client.core.ConnectionState;
import chat.client.core.Conversations;
import chat.client.core.Conversations.Key;
import chat.client.core.TypedLine;
import chat.client.text.EventText;
import chat.client.text.Tone;
import chat.client.transfer.TransferText;
import chat.client.transfer.TransferView;
import chat.common.protocol.ClientCommand;
import chat.common.protocol.CommandEncoder;
import chat.common.protocol.ErrorCode;
import chat.common.protocol.ServerEvent;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Toolkit;
import java.awt.event.ActionEvent;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.swing.AbstractAction;
import javax.swing.BorderFactory;
import javax.swing.JComponent;
import javax.swing.JCheckBoxMenuItem;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JMenuItem;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JSplitPane;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;

/**
 * The chat window: the conversations ({@link ConversationPanes}: the rooms and private conversations open,
 * each with its messages), who is in the current one, and the input box, over one {@link ChatSession}. It hears
 * the session on the receiving thread, words each event there, and hands the lines to the event thread in
 * batches ({@link LineBatcher}); what the person sends goes out through {@link Outgoing}. Leaving (quit, /quit, Ctrl+Q, closing the window) says goodbye to the
 * server and ends the window once the session is over.
 */
final class ChatWindow implements ChatListener {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    static final String JOIN_TITLE = "Join a room";

    private final EventText text = new EventText();
    private final JFrame frame = new JFrame("chat");
    private final JLabel banner = new JLabel();
    private final ConversationPanes conversations;
    private final MemberList members;
    private final InputBox input;
    private final LineBatcher batcher;
    private final Outgoing outgoing = new Outgoing(this::note);
    private final TransfersPanel transfers;
    /** The stage last told of each transfer, to write a line only when it changes. */
    private final Map<Long, TransferView.Stage> transferStages = new ConcurrentHashMap<>();
    private final Runnable onEnd;
    /** Lines asked for at a time when the person scrolls up past the first line of a room's pane. */
    static final int EARLIER_LINES = 50;
    private final AtomicReference<Key> pagingBack = new AtomicReference<>(); // whose earlier lines are asked for now
    private final List<Line> earlier = new ArrayList<>(); // receiving thread: the answer so far
    private volatile ChatSession session;
    private volatile boolean lost; // receiving thread: the connection was lost and is being tried again
    private String title = "chat"; // event thread only, like the rest below
    private int unread;
    private boolean ended;

    /**
     * @param dark whether the dark theme is on (the View menu switches it)
     * @param onTheme told when the person switches the theme
     * @param onEnd run on the event thread when the window has ended
     */
    ChatWindow(boolean dark, Consumer<Boolean> onTheme, Runnable onEnd) {
        this.onEnd = onEnd;
        conversations = new ConversationPanes(name -> session == null ? null : session.members().address(name),
                this::switchTo, this::takeDrops, this::wantEarlier);
        members = new MemberList(name -> session == null ? null : session.members().address(name),
                this::startPrivate);
        input = new InputBox(this::completions, this::typed, this::pasted, this::escape);
        batcher = new LineBatcher(MessagePane.MAX_LINES, this::show);
        transfers = new TransfersPanel(frame, this::sendLine, () -> session == null ? List.of() : session.members().names(),
                () -> members.list().getSelectedValue(), this::refocus);
        transfers.takeDrops(members.list());
        conversations.show(List.of(new Conversations.Summary(Key.DEFAULT, 0, false)), Key.DEFAULT); // its pane takes drops now

        banner.setName("banner");
        banner.setOpaque(true);
        banner.setBackground(new Color(0xE0, 0x80, 0x30));
        banner.setForeground(Color.WHITE);
        banner.setBorder(BorderFactory.createEmptyBorder(4, 8, 4, 8));
        banner.setVisible(false);

        JSplitPane split = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, conversations.panesComponent(), members.component());
        split.setResizeWeight(1.0);
        JPanel middle = new JPanel(new BorderLayout());
        middle.add(conversations.listComponent(), BorderLayout.WEST);
        middle.add(split, BorderLayout.CENTER);
        members.component().setPreferredSize(new Dimension(170, 100));
        members.component().setMinimumSize(new Dimension(120, 50));
        frame.setName("chatWindow");
        frame.add(banner, BorderLayout.NORTH);
        frame.add(middle, BorderLayout.CENTER);
        JPanel bottom = new JPanel(new BorderLayout());
        bottom.add(transfers.component(), BorderLayout.NORTH);
        bottom.add(input.field(), BorderLayout.CENTER);
        bottom.add(transfers.sendButton(), BorderLayout.EAST);
        frame.add(bottom, BorderLayout.SOUTH);
        frame.setJMenuBar(menus(dark, onTheme));
        numberKeys();
        frame.setSize(900, 600);
        frame.setLocationByPlatform(true);
        frame.setDefaultCloseOperation(JFrame.DO_NOTHING_ON_CLOSE);
        frame.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                leave();
            }

            @Override
            public void windowOpened(WindowEvent e) {
                input.field().requestFocusInWindow();
            }
        });
        frame.addWindowFocusListener(new WindowAdapter() {
            @Override
            public void windowGainedFocus(WindowEvent e) {
                unread = 0;
                frame.setTitle(title);
            }
        });
    }

    /** The session whose events this window hears next: set before it logs in. */
    void attach(ChatSession session) {
        this.session = session;
    }

    /** Shows the window for the session that just logged in. Event thread. */
    void open(String server) {
        title = "chat: " + session.name() + " on " + server + (session.security() != null ? ", encrypted" : "");
        if (session.security() != null) {
            note("Encrypted: " + session.security(), Tone.NOTICE);
        }
        frame.setTitle(title);
        frame.setVisible(true);
    }

    JFrame frame() {
        return frame;
    }

    /** The messages of the conversation shown. */
    MessagePane messages() {
        return conversations.current();
    }

    ConversationPanes conversations() {
        return conversations;
    }

    MemberList members() {
        return members;
    }

    InputBox input() {
        return input;
    }

    JLabel banner() {
        return banner;
    }

    TransfersPanel transfers() {
        return transfers;
    }

    /** How many lines arrived unread while the window was in the background. */
    int unread() {
        return unread;
    }

    // ---- from the session, on its receiving thread

    @Override
    public void onEvent(ServerEvent event) {
        Key asked = pagingBack.get();
        if (asked != null && pagedBack(event, asked)) {
            return;
        }
        if (event instanceof ServerEvent.Welcome welcome) {
            text.setMe(welcome.name());
        }
        if (event instanceof ServerEvent.Bye && session != null && session.left()) {
            note("You left.", Tone.NOTICE); // the server's "goodbye" says less
            return;
        }
        Tone tone = text.tone(event);
        ServerEvent inner = event instanceof ServerEvent.InRoom in ? in.event() : event;
        boolean membership = inner instanceof ServerEvent.Join || inner instanceof ServerEvent.Leave
                || event instanceof ServerEvent.Users || event instanceof ServerEvent.Welcome || event instanceof ServerEvent.Members;
        boolean spoken = inner instanceof ServerEvent.PublicLine;
        boolean attention = text.wantsAttention(event);
        boolean unreadLine = attention || (spoken && tone != Tone.MINE);
        Key conversation = session == null ? null : session.conversations().apply(event, attention);
        if (event instanceof ServerEvent.Private p && p.from().equalsIgnoreCase(session.name()) && conversation != null) {
            session.conversations().switchTo(conversation); // a private line one writes opens its conversation, shown
        }
        ServerEvent worded = conversation != null ? inner : event; // a room's pane needs no [#room] before each line
        batcher.add(new Line(now(), text.words(worded), tone, text.person(event), membership, unreadLine, conversation));
    }

    /**
     * Takes a line of the answer to a request for the earlier lines of {@code asked} ({@link #wantEarlier}): its
     * {@code HISTORY} lines are kept aside and, at its {@code HISTORY_END}, put on top of the pane together; an
     * error ends the request (and shows).
     */
    private boolean pagedBack(ServerEvent event, Key asked) {
        ServerEvent inner = event instanceof ServerEvent.InRoom in ? in.event() : event;
        String room = event instanceof ServerEvent.InRoom in ? in.room() : Key.DEFAULT.name();
        if (inner instanceof ServerEvent.History && room.equalsIgnoreCase(asked.name())) {
            earlier.add(new Line(now(), text.words(inner), text.tone(inner), text.person(inner), false, false, asked));
            return true;
        }
        boolean end = event instanceof ServerEvent.HistoryEnd e && e.room().equalsIgnoreCase(asked.name());
        boolean notKept = event instanceof ServerEvent.Error e && e.code() == ErrorCode.NOT_KEPT;
        if (event instanceof ServerEvent.Error && !notKept) { // the history failed now (the store, a limit): it shows
            pagingBack.set(null);
            earlier.clear();
            SwingUtilities.invokeLater(() -> conversations.pane(asked).earlierNotNow());
            return false;
        }
        if (!end && !notKept) {
            return false;
        }
        List<Line> lines = List.copyOf(earlier);
        earlier.clear();
        pagingBack.set(null);
        boolean more = end && ((ServerEvent.HistoryEnd) event).more();
        Line none = new Line(now(), text.notice(notKept ? "This server keeps no earlier lines" : "Nothing earlier is kept"),
                Tone.NOTICE, null, false, false, asked);
        SwingUtilities.invokeLater(() -> conversations.pane(asked).prepend(lines, more, none));
        return true;
    }

    @Override
    public void onTransfer(TransferView view) {
        if (transferStages.put(view.id(), view.stage()) != view.stage()) {
            note(TransferText.line(view, false), view.stage() == TransferView.Stage.ENDED ? Tone.ERROR : Tone.NOTICE); // buttons answer
        }
        SwingUtilities.invokeLater(() -> transfers.update(view));
    }

    @Override
    public String askPassword(String question) {
        try {
            return PasswordQuestion.ask(question, frame);
        } finally {
            refocus();
        }
    }

    @Override
    public boolean confirm(String question) {
        try {
            return Dialogs.askAndWait(() -> Dialogs.confirm(frame, "Not encrypted",
                    "<html><body style='width: 360px'>" + Dialogs.html(question) + "</body></html>"), false);
        } finally {
            refocus();
        }
    }

    /** Gives the input box the focus back after a dialog, as a person expects to type on. Any thread. */
    private void refocus() {
        SwingUtilities.invokeLater(() -> {
            if (frame.isShowing() && input.field().isEnabled()) {
                input.field().requestFocusInWindow();
            }
        });
    }

    @Override
    public void onUnreadable(String line) {
        batcher.add(new Line(now(), text.unreadable(line), Tone.NOTICE, null, false, false));
    }

    @Override
    public void onStateChanged(ConnectionState state, String detail) {
        if (state == ConnectionState.RECONNECTING && !lost) { // one line; then the banner, updated in place
            note(ClientText.connectionLost(detail), Tone.ERROR);
        } else if (state == ConnectionState.CHATTING && lost) {
            note(ClientText.reconnected(detail), Tone.NOTICE);
        } else if (state == ConnectionState.CLOSED && !session.left() && !session.removed()) {
            note(capitalised(detail), Tone.ERROR); // a refused certificate, say: in full, where it can be read
        }
        lost = state == ConnectionState.RECONNECTING;
        Key asked = lost ? pagingBack.getAndSet(null) : null;
        if (asked != null) { // its answer will not come: the next scroll up asks again
            earlier.clear();
            SwingUtilities.invokeLater(() -> conversations.pane(asked).earlierNotNow());
        }
        SwingUtilities.invokeLater(() -> {
            if (state == ConnectionState.RECONNECTING) {
                banner.setText(ClientText.connectionLost(detail) + ". What you type stays in the box.");
                banner.setVisible(true);
                members.show(List.of());
            } else {
                banner.setVisible(false);
                showConversations(true);
            }
            if (state == ConnectionState.CLOSED && !session.left()) { // stays open: the reason is read here
                banner.setText(session.removed()
                        ? capitalised(detail) + ". " + EventText.REMOVED + " (Close the window.)"
                        : "Not connected, and not trying again: the last message says why. (Close the window.)");
                banner.setVisible(true);
                input.field().setEnabled(false);
                members.show(List.of());
            } else if (state == ConnectionState.CLOSED) {
                end();
            }
        });
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** A line of the window's own, in order with the server's. Any thread. */
    private void note(String words, Tone tone) {
        batcher.add(new Line(now(), text.notice(words), tone, null, false, false));
    }

    private static String now() {
        return LocalTime.now().format(TIME);
    }

    // ---- on the event thread

    private void show(LineBatcher.Batch batch) {
        List<Line> run = new ArrayList<>(); // consecutive lines of one pane go in together
        MessagePane runPane = null;
        for (Line line : batch.lines()) {
            MessagePane pane = line.conversation() == null ? conversations.current() : conversations.pane(line.conversation());
            if (pane != runPane && runPane != null) {
                runPane.append(run);
                run.clear();
            }
            runPane = pane;
            run.add(line);
        }
        if (runPane != null) {
            runPane.append(run);
        }
        showConversations(batch.dropped() > 0 || batch.lines().stream().anyMatch(Line::membership));
        if (!frame.isFocused()) {
            long more = batch.lines().stream().filter(Line::unread).count();
            if (more > 0) {
                unread += more;
                frame.setTitle("(" + unread + ") " + title);
            }
        }
    }

    /**
     * The list of conversations and the current one's pane as the session's {@link Conversations} stand now;
     * with {@code membersChanged}, or another conversation shown, the member list too: the current room's
     * members, or everyone online for the default room and a private conversation.
     */
    private void showConversations(boolean membersChanged) {
        ChatSession s = session;
        if (s == null) {
            return;
        }
        Conversations all = s.conversations();
        MessagePane before = conversations.current();
        Key current = all.current();
        conversations.show(all.list(), current);
        if (membersChanged || conversations.current() != before) {
            members.show(current.room() && !current.equals(Key.DEFAULT) ? all.members(current) : s.members().names());
        }
    }

    /** What Tab may complete a word to: the names in the member list, and the rooms known. Event thread. */
    private List<String> completions() {
        List<String> all = new ArrayList<>(members.current());
        ChatSession s = session;
        if (s != null) {
            all.addAll(s.conversations().rooms());
        }
        return all;
    }

    /**
     * The person scrolled up past the first line of {@code key}'s pane: the server is asked for the room's lines
     * before those (docs/PROTOCOL.md, "History and search"); private lines are not kept.
     */
    private void wantEarlier(Key key) {
        MessagePane pane = conversations.pane(key);
        ChatSession s = session;
        if (!key.room()) {
            pane.noEarlier();
        } else if (s == null || lost || !pagingBack.compareAndSet(null, key)) {
            pane.earlierNotNow(); // not now: the next scroll up asks again
        } else {
            String line = "/history " + key.name() + " " + EARLIER_LINES;
            if (!outgoing.send(s, line, TypedLine.parse(line))) {
                pagingBack.set(null);
                pane.earlierNotNow();
            }
        }
    }

    private void takeDrops(MessagePane pane) {
        transfers.takeDrops(pane.textPane());
    }

    /** Shows {@code key}'s conversation, where what is typed goes from now on. */
    private void switchTo(Key key) {
        ChatSession s = session;
        if (s != null) {
            s.conversations().switchTo(key);
            showConversations(false);
            refocus();
        }
    }

    /** Alt+1..9 show the conversations in the list's order, as in the terminal. */
    private void numberKeys() {
        for (int n = 1; n <= 9; n++) {
            int number = n;
            String action = "conversation" + n;
            frame.getRootPane().getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW)
                    .put(KeyStroke.getKeyStroke(KeyEvent.VK_0 + n, InputEvent.ALT_DOWN_MASK), action);
            frame.getRootPane().getActionMap().put(action, new AbstractAction() {
                @Override
                public void actionPerformed(ActionEvent e) {
                    ChatSession s = session;
                    Key key = s == null ? null : s.conversations().numbered(number);
                    if (key != null) {
                        switchTo(key);
                    }
                }
            });
        }
    }

    /** The next conversation in the list ({@code step} 1) or the one before (-1). */
    private void step(int step) {
        ChatSession s = session;
        if (s != null) {
            switchTo(s.conversations().beside(step));
        }
    }

    /** Chat, Join Room: asks which room and joins it (making it, if there is none). */
    private void askToJoin() {
        Object room = JOptionPane.showInputDialog(frame, "Room to join (a new name makes a new room):", JOIN_TITLE,
                JOptionPane.QUESTION_MESSAGE, null, null, "#");
        if (room != null && !room.toString().isBlank()) {
            sendLine("/join " + room.toString().strip());
        }
        refocus();
    }

    /** Chat, Leave Room: parts the current room; a private conversation is closed (the default room is for everyone). */
    private void leaveConversation() {
        ChatSession s = session;
        if (s == null) {
            return;
        }
        Key current = s.conversations().current();
        if (current.room()) {
            sendLine("/part " + current.name()); // the server answers for the default room
        } else {
            s.conversations().close(current);
            showConversations(false);
        }
    }

    /** Sends a line as if typed, without touching the input box. */
    private void sendLine(String line) {
        ChatSession s = session;
        if (s != null) {
            outgoing.send(s, line, TypedLine.parse(line));
        }
    }

    private void startPrivate(String name) {
        input.start(CommandEncoder.encode(new ClientCommand.PrivateMsg(name, ""))); // the person writes the text
    }

    private void typed(String line) {
        ChatSession s = session;
        if (line.isBlank() || s == null) {
            return;
        }
        TypedLine typed = TypedLine.parse(line); // the one reading of what was typed
        if (typed.quits()) {
            input.sent(line, typed);
            leave();
        } else if (outgoing.send(s, line, typed)) {
            input.sent(line, typed);
        }
    }

    private void pasted(List<String> lines) {
        ChatSession s = session;
        if (s != null) {
            outgoing.paste(s, lines, frame);
            refocus(); // after its question, if it asked one
        }
    }

    /** Esc: cancels the paste being sent, or else empties the box. */
    private void escape() {
        if (!outgoing.cancelPaste()) {
            input.clear();
        }
    }

    /** Says goodbye and ends once the session is over; the window goes at once. */
    void leave() {
        frame.setVisible(false);
        ChatSession s = session;
        if (s == null || s.state() == ConnectionState.CLOSED) {
            end();
        } else {
            outgoing.quit(s); // the session's CLOSED ends the window
        }
    }

    /** From any thread: says goodbye now, without the event thread (which may be gone at exit). */
    void leaveNow() {
        ChatSession s = session;
        if (s != null && s.state() != ConnectionState.CLOSED) {
            try {
                s.quit("");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                s.close();
            }
        }
    }

    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        frame.dispose();
        outgoing.shutdown();
        onEnd.run();
    }

    private JMenuBar menus(boolean dark, Consumer<Boolean> onTheme) {
        JMenu chat = new JMenu("Chat");
        chat.setMnemonic(KeyEvent.VK_C);
        JMenuItem leave = new JMenuItem("Leave");
        leave.setAccelerator(KeyStroke.getKeyStroke(KeyEvent.VK_Q, Toolkit.getDefaultToolkit().getMenuShortcutKeyMaskEx()));
        leave.addActionListener(e -> leave());
        JMenuItem sendFile = new JMenuItem("Send File…");
        sendFile.setAccelerator(KeyStroke.getKeyStroke(KeyEvent.VK_O, Toolkit.getDefaultToolkit().getMenuShortcutKeyMaskEx()));
        sendFile.addActionListener(e -> transfers.chooseAndSend());
        int shortcut = Toolkit.getDefaultToolkit().getMenuShortcutKeyMaskEx();
        JMenuItem join = new JMenuItem("Join Room…");
        join.setName("joinRoom");
        join.setAccelerator(KeyStroke.getKeyStroke(KeyEvent.VK_J, shortcut));
        join.addActionListener(e -> askToJoin());
        JMenuItem part = new JMenuItem("Leave Room");
        part.setName("leaveRoom");
        part.addActionListener(e -> leaveConversation());
        JMenuItem next = new JMenuItem("Next Conversation");
        next.setAccelerator(KeyStroke.getKeyStroke(KeyEvent.VK_PAGE_DOWN, shortcut));
        next.addActionListener(e -> step(1));
        JMenuItem previous = new JMenuItem("Previous Conversation");
        previous.setAccelerator(KeyStroke.getKeyStroke(KeyEvent.VK_PAGE_UP, shortcut));
        previous.addActionListener(e -> step(-1));
        chat.add(join);
        chat.add(part);
        chat.add(next);
        chat.add(previous);
        chat.addSeparator();
        chat.add(sendFile);
        chat.add(leave);
        JMenu view = new JMenu("View");
        view.setMnemonic(KeyEvent.VK_V);
        JCheckBoxMenuItem darkItem = new JCheckBoxMenuItem("Dark theme", dark);
        darkItem.addActionListener(e -> {
            Themes.switchTo(darkItem.isSelected());
            onTheme.accept(darkItem.isSelected());
        });
        view.add(darkItem);
        JMenuBar bar = new JMenuBar();
        bar.add(chat);
        bar.add(view);
        return bar;
    }
}
