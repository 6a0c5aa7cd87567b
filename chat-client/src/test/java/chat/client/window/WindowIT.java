package chat.client.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.client.core.ChatSession;
import chat.client.core.Recorder;
import chat.client.core.ServerAddress;
import chat.client.transfer.TransferView;
import chat.common.protocol.ServerEvent;
import chat.server.ChatServer;
import chat.server.TestLineClient;
import java.awt.AWTException;
import java.awt.Color;
import java.awt.Component;
import java.awt.Container;
import java.awt.Robot;
import java.awt.Window;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.StringSelection;
import java.awt.datatransfer.Transferable;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.awt.event.MouseEvent;
import java.awt.event.WindowEvent;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JCheckBoxMenuItem;
import javax.swing.JDialog;
import javax.swing.JFileChooser;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JMenuBar;
import javax.swing.JMenuItem;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.JTextField;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import javax.swing.TransferHandler;
import javax.swing.UIManager;
import org.junit.jupiter.api.Test;

/**
 * The window face as a person uses it: the dialog, lines both ways, rooms and private conversations, members,
 * the keyboard, pastes, files, the theme and every way of leaving. When the connection brings trouble:
 * WindowConnectionIT.
 */
class WindowIT extends WindowTesting {
    @Test
    void theDialogLogsInAndLinesGoBothWays() throws Exception {
        ChatServer server = server();
        face(null, null);
        Edt.run(() -> {
            var d = face.dialog().dialog();
            Edt.find(d, "host", JTextField.class).setText("127.0.0.1");
            Edt.find(d, "port", JTextField.class).setText(Integer.toString(server.port()));
            Edt.find(d, "name", JTextField.class).setText("bob");
            Edt.find(d, "connect", JButton.class).doClick();
        });
        await().atMost(WAIT).until(() -> Edt.call(() -> face.window().frame().isVisible()));
        ChatWindow bob = Edt.call(() -> face.window());
        assertThat(Edt.call(() -> bob.frame().getTitle())).isEqualTo("chat: bob on 127.0.0.1:" + server.port());

        TestLineClient carol = track(TestLineClient.login(server.port(), "carol"));
        await().atMost(WAIT).until(() -> members(bob).equals(List.of("bob", "carol")));
        type(bob, "hello from the window");
        assertThat(carol.awaitLine("MSG ")).isEqualTo("MSG bob hello from the window");
        assertThat(Edt.call(() -> bob.input().field().getText())).isEmpty();

        carol.send("hi bob");
        await().atMost(WAIT).until(() -> messages(bob).contains("<carol> hi bob"));
        assertThat(messages(bob)).contains("<bob> hello from the window", "* carol joined");
        // hovering over carol's name in her message shows where she joined from
        String hover = Edt.call(() -> {
            var pane = bob.messages().textPane();
            int at = bob.messages().text().indexOf("<carol> hi bob") + 1;
            var box = pane.modelToView2D(at);
            return pane.getToolTipText(new MouseEvent(pane, MouseEvent.MOUSE_MOVED,
                    0, 0, (int) box.getCenterX() + 1, (int) box.getCenterY(), 0, false));
        });
        assertThat(hover).isEqualTo("carol, from 127.0.0.1");

        carol.send("quit");
        await().atMost(WAIT).until(() -> members(bob).equals(List.of("bob")));
        assertThat(messages(bob)).contains("* carol left (quit)");

        // remembered for next time, and offered by the next dialog
        assertThat(Files.readString(dir.resolve("window.properties"))).contains("name=bob", "port=" + server.port());
        WindowFace next = new WindowFace(dir.resolve("window.properties"));
        next.start(null, null);
        assertThat(Edt.call(() -> Edt.find(next.dialog().dialog(), "port", JTextField.class).getText()))
                .isEqualTo(Integer.toString(server.port()));
        assertThat(Edt.call(() -> Edt.find(next.dialog().dialog(), "name", JTextField.class).getText())).isEqualTo("bob");
    }

    @Test
    void theDialogSaysWhatWentWrongAndStaysOpenForAnotherTry() throws Exception {
        int nobody;
        try (ServerSocket s = new ServerSocket(0)) {
            nobody = s.getLocalPort();
        }
        ChatServer server = server();
        track(TestLineClient.login(server.port(), "carol"));
        face(null, null);

        tryToConnect(nobody, "bob");
        await().atMost(WAIT).until(() -> problem().startsWith("Cannot connect to 127.0.0.1:" + nobody));

        tryToConnect(server.port(), "no spaces");
        await().atMost(WAIT).until(() -> problem().startsWith("Choose a name"));

        tryToConnect(server.port(), "Carol");
        await().atMost(WAIT).until(() -> problem().contains("already in use"));
        assertThat(Edt.call(() -> face.dialog().dialog().isVisible())).isTrue();
        assertThat(Edt.call(() -> face.window().frame().isVisible())).isFalse();

        tryToConnect(server.port(), "dave");
        await().atMost(WAIT).until(() -> Edt.call(() -> face.window().frame().isVisible()));
        assertThat(Edt.call(() -> face.dialog().dialog().isVisible())).isFalse();
    }

    @Test
    void escInTheDialogCancelsAndEnds() throws Exception {
        face(null, null);
        await().atMost(WAIT).until(() -> Edt.call(() -> face.dialog().dialog().isFocused()));
        new Keys().tap(KeyEvent.VK_ESCAPE);
        assertThat(face.awaitEnd(WAIT)).isTrue();
        assertThat(Edt.call(() -> face.dialog().dialog().isDisplayable())).isFalse();
    }

    @Test
    void theDarkThemeIsSwitchedOnAndRemembered() throws Exception {
        ChatServer server = server();
        ChatWindow bob = loggedIn(server.port(), "bob");
        Edt.run(() -> {
            var view = bob.frame().getJMenuBar().getMenu(1);
            ((JCheckBoxMenuItem) view.getItem(0)).doClick();
        });
        assertThat(Edt.call(() -> UIManager.getLookAndFeel().getName())).isEqualTo("FlatLaf Dark");
        assertThat(WindowSettings.load(dir.resolve("window.properties")).dark()).isTrue();
        Color background = Edt.call(() -> bob.messages().textPane().getBackground());
        assertThat(background.getRed() + background.getGreen() + background.getBlue()).as("a dark background").isLessThan(3 * 100);
        Edt.run(() -> Themes.switchTo(false)); // the next tests start light
    }

    private void tryToConnect(int port, String name) {
        await().atMost(WAIT).until(() -> Edt.call(() -> Edt.find(face.dialog().dialog(), "connect", JButton.class).isEnabled()));
        Edt.run(() -> {
            var d = face.dialog().dialog();
            Edt.find(d, "port", JTextField.class).setText(Integer.toString(port));
            Edt.find(d, "name", JTextField.class).setText(name);
            Edt.find(d, "connect", JButton.class).doClick();
        });
    }

    private String problem() {
        return Edt.call(() -> Edt.find(face.dialog().dialog(), "problem", JLabel.class).getText());
    }

    /** The ways to leave from the window; each must say goodbye to the server and end the window. */
    enum Leaving { CLOSING_THE_WINDOW, TYPING_QUIT, TYPING_SLASH_QUIT }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Leaving.class)
    void everyWayOfLeavingSaysGoodbye(Leaving how) throws Exception {
        ChatServer server = server();
        TestLineClient carol = track(TestLineClient.login(server.port(), "carol"));
        ChatWindow bob = loggedIn(server.port(), "bob");
        carol.awaitLine("JOIN bob");
        switch (how) {
            case CLOSING_THE_WINDOW -> Edt.run(() -> bob.frame().dispatchEvent(new WindowEvent(bob.frame(), WindowEvent.WINDOW_CLOSING)));
            case TYPING_QUIT -> type(bob, "quit");
            case TYPING_SLASH_QUIT -> type(bob, "/quit");
        }
        assertThat(carol.awaitLine("LEAVE ")).isEqualTo("LEAVE bob quit");
        assertThat(face.awaitEnd(WAIT)).isTrue();
        assertThat(Edt.call(() -> bob.frame().isDisplayable())).isFalse();
    }

    @Test
    void aPasteIsSentAsTextEveryLineEvenQuit() throws Exception {
        ChatServer server = server();
        TestLineClient carol = track(TestLineClient.login(server.port(), "carol"));
        ChatWindow bob = loggedIn(server.port(), "bob");
        carol.awaitLine("JOIN bob");
        Edt.run(() -> {
            JTextField field = bob.input().field();
            field.getTransferHandler().importData(
                    new TransferHandler.TransferSupport(field, new StringSelection("one\nquit\n/msg carol x\n")));
        });
        assertThat(carol.awaitLine("MSG ")).isEqualTo("MSG bob one");
        assertThat(carol.awaitLine("MSG ")).isEqualTo("MSG bob quit");
        assertThat(carol.awaitLine("MSG ")).isEqualTo("MSG bob /msg carol x");
        await().atMost(WAIT).until(() -> messages(bob).contains("Sent 3 lines."));
        assertThat(Edt.call(() -> bob.frame().isVisible())).isTrue(); // still here: the quit was said, not done
        assertThat(Edt.call(() -> bob.input().field().getText())).isEmpty();
    }

    @Test
    void aDoubleClickOnAMemberStartsAPrivateMessageAndTabCompletesNames() throws Exception {
        ChatServer server = server();
        TestLineClient carol = track(TestLineClient.login(server.port(), "carol"));
        ChatWindow bob = loggedIn(server.port(), "bob");
        await().atMost(WAIT).until(() -> members(bob).contains("carol"));
        Edt.run(() -> {
            var list = bob.members().list();
            var cell = list.getCellBounds(1, 1);
            list.dispatchEvent(new MouseEvent(list, MouseEvent.MOUSE_CLICKED,
                    System.currentTimeMillis(), 0, cell.x + 5, cell.y + 5, 2, false, MouseEvent.BUTTON1));
        });
        assertThat(Edt.call(() -> bob.input().field().getText())).isEqualTo("/msg carol ");
        type(bob, "/msg carol psst");
        assertThat(carol.awaitLine("PRIVATE ")).isEqualTo("PRIVATE bob carol psst");
        await().atMost(WAIT).untilAsserted(() -> assertThat(messages(bob)).contains("-> *carol*: psst"));

        Edt.run(() -> {
            JTextField field = bob.input().field();
            field.setText("ca");
            field.setCaretPosition(2);
            // what Tab is bound to in the box
            Object tab = field.getInputMap().get(KeyStroke.getKeyStroke(KeyEvent.VK_TAB, 0));
            field.getActionMap().get(tab).actionPerformed(null);
        });
        assertThat(Edt.call(() -> bob.input().field().getText())).isEqualTo("carol: ");
    }

    /**
     * Rooms in the window: a list of conversations at the left with what was not seen yet (and a mark for a
     * line that wants attention), one pane per conversation, the member list of the room shown, joining from
     * the menu, switching with a click and with Alt+N, and what is typed going to the conversation shown.
     */
    @Test
    void roomsHaveAListOfTheirOwnEachItsPaneAndMembersAndTypedLinesGoWhereThePersonIs() throws Exception {
        ChatServer server = server();
        TestLineClient bob = track(TestLineClient.login(server.port(), "bob"));
        ChatWindow alice = loggedIn(server.port(), "alice");
        await().atMost(WAIT).until(() -> members(alice).equals(List.of("alice", "bob")));
        assertThat(Edt.call(() -> alice.conversations().listComponent().isVisible())).as("no rooms yet: no list").isFalse();

        SwingUtilities.invokeLater(() -> menuItem(alice, "joinRoom").doClick()); // its question waits on the event thread
        JDialog question = dialogTitled(ChatWindow.JOIN_TITLE);
        Edt.run(() -> {
            JOptionPane pane = (JOptionPane) question.getContentPane().getComponent(0);
            pane.setInputValue("#dev");
            pane.setValue(JOptionPane.OK_OPTION); // as the OK button does
        });
        await().atMost(WAIT).until(() -> conversationLabels(alice).equals(List.of("#general", "#dev")));
        assertThat(Edt.call(() -> alice.conversations().list().getSelectedValue().key().name())).isEqualTo("#dev");
        await().atMost(WAIT).until(() -> members(alice).equals(List.of("alice")));

        bob.send("/join #dev");
        await().atMost(WAIT).until(() -> members(alice).equals(List.of("alice", "bob")));
        bob.send("hello dev"); // bob's lines go to the room he joined last
        bob.send("/to #general hello general");
        await().atMost(WAIT).until(() -> conversationLabels(alice).equals(List.of("#general (1)", "#dev")));
        await().atMost(WAIT).until(() -> messages(alice).contains("<bob> hello dev"));
        assertThat(messages(alice)).doesNotContain("hello general");

        Edt.run(() -> alice.conversations().list().setSelectedIndex(0)); // a click on #general
        await().atMost(WAIT).until(() -> messages(alice).contains("<bob> hello general"));
        assertThat(messages(alice)).doesNotContain("hello dev");
        assertThat(conversationLabels(alice)).containsExactly("#general", "#dev");
        type(alice, "back in general");
        assertThat(bob.awaitLine("MSG alice")).isEqualTo("MSG alice back in general");

        bob.send("alice: a look at #dev, please");
        await().atMost(WAIT).until(() -> conversationLabels(alice).equals(List.of("#general", "#dev (1!)")));
        Edt.run(() -> {
            var keys = alice.frame().getRootPane().getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW);
            Object action = keys.get(KeyStroke.getKeyStroke(KeyEvent.VK_2, InputEvent.ALT_DOWN_MASK));
            alice.frame().getRootPane().getActionMap().get(action).actionPerformed(null); // Alt+2
        });
        assertThat(conversationLabels(alice)).containsExactly("#general", "#dev");
        assertThat(messages(alice)).contains("<bob> alice: a look at #dev, please");
        type(alice, "on my way");
        assertThat(bob.awaitLine("IN #dev MSG alice")).isEqualTo("IN #dev MSG alice on my way");

        Edt.run(() -> menuItem(alice, "leaveRoom").doClick());
        assertThat(bob.awaitLine("IN #dev LEAVE alice")).startsWith("IN #dev LEAVE alice parted");
        await().atMost(WAIT).until(() -> !Edt.call(() -> alice.conversations().listComponent().isVisible()));
        assertThat(members(alice)).containsExactly("alice", "bob");
        assertThat(messages(alice)).contains("<bob> hello general").doesNotContain("hello dev");
    }

    /** The item called {@code name} of the window's menus. Event thread. */
    private static JMenuItem menuItem(ChatWindow w, String name) {
        JMenuBar bar = w.frame().getJMenuBar();
        for (int i = 0; i < bar.getMenuCount(); i++) {
            for (Component item : bar.getMenu(i).getMenuComponents()) {
                if (name.equals(item.getName())) {
                    return (JMenuItem) item;
                }
            }
        }
        throw new AssertionError("no menu item named " + name);
    }

    /** The conversations as the window's list shows them. */
    private static List<String> conversationLabels(ChatWindow w) {
        return Edt.call(() -> {
            List<String> labels = new ArrayList<>();
            var model = w.conversations().list().getModel();
            for (int i = 0; i < model.getSize(); i++) {
                labels.add(ConversationPanes.label(model.getElementAt(i)));
            }
            return labels;
        });
    }

    @Test
    void keyboardAloneJoinsChatsRecallsAndLeaves() throws Exception {
        ChatServer server = server();
        TestLineClient carol = track(TestLineClient.login(server.port(), "carol"));
        new WindowSettings("127.0.0.1", server.port(), "bob", false, false).save(dir.resolve("window.properties"));
        face(null, null);
        // the last values are offered, so the focus waits on Connect: Enter joins
        await().atMost(WAIT).until(() -> Edt.call(() -> Edt.find(face.dialog().dialog(), "connect", JButton.class).isFocusOwner()));
        Keys keys = new Keys();
        keys.tap(KeyEvent.VK_ENTER);
        await().atMost(WAIT).until(() -> Edt.call(() -> face.window().input().field().isFocusOwner()));
        ChatWindow bob = Edt.call(() -> face.window());
        carol.awaitLine("JOIN bob");

        keys.type("hi");
        keys.tap(KeyEvent.VK_ENTER);
        assertThat(carol.awaitLine("MSG ")).isEqualTo("MSG bob hi");
        keys.tap(KeyEvent.VK_UP);
        await().atMost(WAIT).until(() -> Edt.call(() -> bob.input().field().getText()).equals("hi"));
        keys.tap(KeyEvent.VK_ESCAPE);
        await().atMost(WAIT).until(() -> Edt.call(() -> bob.input().field().getText()).isEmpty());
        keys.type("ca");
        keys.tap(KeyEvent.VK_TAB);
        await().atMost(WAIT).until(() -> Edt.call(() -> bob.input().field().getText()).equals("carol: "));

        keys.chord(KeyEvent.VK_CONTROL, KeyEvent.VK_Q);
        assertThat(carol.awaitLine("LEAVE ")).isEqualTo("LEAVE bob quit");
        assertThat(face.awaitEnd(WAIT)).isTrue();
    }

    /**
     * Real key presses, through the display, to whatever has the focus. No {@code Robot.waitForIdle()}: on a
     * virtual display its sync can stall for many seconds; the X server keeps key order anyway, and every
     * step after a key waits for what the key must bring about.
     */
    private static final class Keys {
        private final Robot robot;

        Keys() throws AWTException {
            robot = new Robot();
            robot.setAutoDelay(15);
        }

        void tap(int key) {
            robot.keyPress(key);
            robot.keyRelease(key);
        }

        void chord(int modifier, int key) {
            robot.keyPress(modifier);
            tap(key);
            robot.keyRelease(modifier);
        }

        /** Lower-case letters only. */
        void type(String letters) {
            for (char c : letters.toCharArray()) {
                tap(KeyEvent.getExtendedKeyCodeForChar(c));
            }
        }
    }

    @Test
    void theTitleCountsWhatArrivedWhileTheWindowWasInTheBackground() throws Exception {
        ChatServer server = server();
        TestLineClient carol = track(TestLineClient.login(server.port(), "carol"));
        ChatWindow bob = loggedIn(server.port(), "bob");
        String title = "chat: bob on 127.0.0.1:" + server.port();
        JFrame other = Edt.call(() -> {
            JFrame f = new JFrame("another application");
            f.setSize(200, 100);
            f.setVisible(true);
            f.toFront();
            f.requestFocus();
            return f;
        });
        await().atMost(WAIT).until(() -> Edt.call(() -> other.isFocused() && !bob.frame().isFocused()));
        carol.send("one");
        carol.send("two");
        carol.send("/me waves");
        await().atMost(WAIT).until(() -> Edt.call(() -> bob.frame().getTitle()).equals("(3) " + title));

        Edt.run(() -> {
            bob.frame().toFront();
            bob.frame().requestFocus();
        });
        await().atMost(WAIT).until(() -> Edt.call(() -> bob.frame().getTitle()).equals(title));
        assertThat(Edt.call(bob::unread)).isZero();
    }

    /** A file transferable, as a desktop's drag of files gives one. */
    private static Transferable files(File... files) {
        return new Transferable() {
            @Override
            public DataFlavor[] getTransferDataFlavors() {
                return new DataFlavor[] {DataFlavor.javaFileListFlavor};
            }

            @Override
            public boolean isDataFlavorSupported(DataFlavor flavor) {
                return DataFlavor.javaFileListFlavor.equals(flavor);
            }

            @Override
            public Object getTransferData(DataFlavor flavor) {
                return List.of(files);
            }
        };
    }

    @Test
    void aFileOfferedIsAcceptedInADialogAndArrivesWithItsProgressShown() throws Exception {
        ChatServer server = server();
        Recorder aliceHears = new Recorder();
        ChatSession alice = alice(server, aliceHears);
        face = new WindowFace(dir.resolve("window.properties"));
        face.downloadTo(dir.resolve("downloads"));
        face.start(new ServerAddress("127.0.0.1", server.port()), "bob");
        await().atMost(WAIT).until(() -> Edt.call(() -> face.window() != null && face.window().frame().isVisible()));
        ChatWindow w = Edt.call(() -> face.window());
        byte[] bytes = new byte[2_000_000];
        new Random(7).nextBytes(bytes);
        Path file = Files.write(dir.resolve("drawing.png"), bytes);

        alice.send("/send bob " + file);
        await().atMost(WAIT).until(() -> Edt.call(() -> offerDialog() != null));
        Edt.run(() -> {
            for (JButton button : Edt.buttons(offerDialog())) {
                if (button.getText().equals("Accept")) {
                    button.doClick();
                }
            }
        });
        Path saved = dir.resolve("downloads").resolve("drawing.png");
        await().atMost(WAIT).until(() -> Files.exists(saved) && Files.size(saved) == bytes.length
                && !Files.exists(dir.resolve("downloads").resolve("drawing.png.chat-part")));
        assertThat(Files.readAllBytes(saved)).isEqualTo(bytes);
        // one compact row: title, "saved" on the bar, Open Folder and × instead of Cancel
        await().atMost(WAIT).until(() -> Edt.call(() -> {
            var bar = Edt.findOrNull(w.frame(), "progress-1", JProgressBar.class);
            return bar != null && bar.getValue() == 100 && "saved".equals(bar.getString())
                    && !Edt.find(w.frame(), "cancel-1", JButton.class).isVisible()
                    && Edt.find(w.frame(), "open-1", JButton.class).isVisible();
        }));
        assertThat(Edt.call(() -> offerDialog())).isNull(); // answered: gone
        awaitTypingIn(w); // after the offer's dialog
        await().atMost(WAIT).until(() -> messages(w).contains("drawing.png (2.0 MB) from alice saved to " + saved));
        assertThat(Edt.call(() -> panelTexts(w.transfers().component()))).noneMatch(t -> t.contains("/"));
        Edt.run(() -> Edt.find(w.frame(), "dismiss-1", JButton.class).doClick());
        assertThat(Edt.call(() -> w.transfers().component().isVisible())).as("hidden with no transfer").isFalse();
    }

    @Test
    void filesDroppedOnAMemberAreOfferedToThem() throws Exception {
        ChatServer server = server();
        Recorder aliceHears = new Recorder();
        ChatSession alice = alice(server, aliceHears);
        ChatWindow w = loggedIn(server.port(), "bob");
        await().atMost(WAIT).until(() -> members(w).contains("alice"));
        Path one = Files.writeString(dir.resolve("one.txt"), "one");
        Path two = Files.writeString(dir.resolve("two.txt"), "two");
        boolean taken = Edt.call(() -> {
            var list = w.members().list();
            list.setSelectedValue("alice", false);
            return list.getTransferHandler().importData(
                    new TransferHandler.TransferSupport(list, files(one.toFile(), two.toFile())));
        });
        assertThat(taken).isTrue();
        // the server takes one waiting offer per sender and recipient: the second goes once alice has answered the first
        // (each is hashed on a thread of its own: either may be first)
        await().atMost(WAIT).until(() -> messages(w).matches("(?s).*offering (one|two)\\.txt to alice once they have answered "
                + "your offer before it.*"));
        await().atMost(WAIT).until(() -> aliceHears.transfers.stream().anyMatch(v -> v.id() == 1));
        assertThat(aliceHears.transfers).noneMatch(v -> v.id() == 2);
        alice.send("/cancel 1");
        await().atMost(WAIT).until(() -> aliceHears.transfers.stream().map(v -> v.fileName()).distinct().count() == 2);
        assertThat(aliceHears.transfers).extracting(TransferView::peer).containsOnly("bob");
        // dropped on the messages: to the member selected in the list, after two.txt is answered
        Path three = Files.writeString(dir.resolve("three.txt"), "three");
        assertThat(Edt.call(() -> w.messages().textPane().getTransferHandler().importData(
                new TransferHandler.TransferSupport(w.messages().textPane(), files(three.toFile()))))).isTrue();
        await().atMost(WAIT).until(() -> messages(w).contains("offering three.txt to alice once they have answered your offer before it"));
        alice.send("/cancel 2");
        await().atMost(WAIT).until(() -> aliceHears.transfers.stream().anyMatch(v -> v.fileName().equals("three.txt")));
        await().atMost(WAIT).until(() -> Edt.call(() -> Edt.findOrNull(w.frame(), "transfer-3", JPanel.class) != null));
        // declining in alice's session ends bob's row, which says so in words
        alice.send("/decline 3");
        await().atMost(WAIT).until(() -> Edt.call(() -> !Edt.find(w.frame(), "cancel-3", JButton.class).isVisible()
                && Edt.find(w.frame(), "progress-3", JProgressBar.class).getString().equals("alice declined three.txt")));
    }

    @Test
    void afterTheFileChooserTypingGoesToTheInputBoxNotTheButton() throws Exception {
        ChatWindow w = loggedIn(server().port(), "bob");
        JButton sendFile = Edt.call(() -> Edt.find(w.frame(), "sendFile", JButton.class));
        Edt.run(sendFile::requestFocusInWindow);
        await().atMost(WAIT).until(() -> Edt.call(() -> w.frame().getMostRecentFocusOwner() == sendFile));
        SwingUtilities.invokeLater(sendFile::doClick); // modal: the chooser runs its own loop
        JDialog chooser = dialogTitled("Send files");
        Edt.run(() -> Edt.find(chooser, "fileChooser", JFileChooser.class).cancelSelection());
        awaitTypingIn(w);
    }

    /** alice, with the client core and no face, logged in. */
    private ChatSession alice(ChatServer server, Recorder hears) throws IOException {
        ChatSession alice = track(new ChatSession("127.0.0.1", server.port(), hears, false));
        alice.connect();
        assertThat(alice.login("alice")).isInstanceOf(ServerEvent.Welcome.class);
        return alice;
    }

    private static Window offerDialog() {
        return Edt.showing("offer-");
    }

    /** The texts a panel shows: its labels, its bars' strings and its buttons'. */
    private static List<String> panelTexts(Container root) {
        List<String> texts = new ArrayList<>();
        for (Component c : root.getComponents()) {
            if (c instanceof JLabel l) {
                texts.add(l.getText());
            } else if (c instanceof JProgressBar b) {
                texts.add(b.getString());
            } else if (c instanceof JButton b) {
                texts.add(b.getText());
            }
            if (c instanceof Container inner) {
                texts.addAll(panelTexts(inner));
            }
        }
        return texts;
    }

    /**
     * Scrolling up past the first line of a room's pane fetches the room's earlier lines from the server, 50 at a
     * time, on top of what is shown (what was shown stays in view), until the first line kept, which says so.
     */
    @Test
    void scrollingUpAtTheTopFetchesEarlierLinesPageByPage() throws Exception {
        ChatServer server = track(ChatServer.start(config().port(0).dataDir(dir.resolve("data")).history(5).build()));
        try (TestLineClient alice = TestLineClient.login(server.port(), "alice")) {
            for (int i = 1; i <= 60; i++) {
                alice.send("line " + i);
            }
            alice.awaitLine("MSG alice line 60"); // echoed: kept
        }
        ChatWindow bob = loggedIn(server.port(), "bob");
        await().atMost(WAIT).until(() -> messages(bob).contains("<alice> line 60"));
        assertThat(messages(bob)).doesNotContain("<alice> line 55\n");

        wheelUp(bob);
        await().atMost(WAIT).until(() -> messages(bob).contains("<alice> line 6\n"));
        String text = messages(bob);
        assertThat(text.indexOf("<alice> line 6\n")).isLessThan(text.indexOf("<alice> line 55\n"))
                .isLessThan(text.indexOf("<alice> line 56\n"));
        assertThat(text).doesNotContain("<alice> line 5\n").containsOnlyOnce("<alice> line 56\n");
        await().atMost(WAIT).until(() -> Edt.call(() -> bob.messages().component().getVerticalScrollBar().getValue()) > 0);

        wheelUp(bob);
        await().atMost(WAIT).until(() -> messages(bob).contains("<alice> line 1\n"));
        text = messages(bob);
        assertThat(text.indexOf("Nothing earlier is kept")).as("first, on top").isBetween(0, text.indexOf("<alice> line 1\n"));
        assertThat(text).containsOnlyOnce("<alice> line 6\n");
    }

    /** A turn of the mouse wheel upwards over the pane shown, scrolled to its top first. */
    private static void wheelUp(ChatWindow w) {
        Edt.run(() -> {
            var scroll = w.messages().component();
            scroll.getVerticalScrollBar().setValue(0);
            scroll.dispatchEvent(new java.awt.event.MouseWheelEvent(scroll, java.awt.event.MouseEvent.MOUSE_WHEEL,
                    System.currentTimeMillis(), 0, 10, 10, 0, false, java.awt.event.MouseWheelEvent.WHEEL_UNIT_SCROLL, 3, -1));
        });
    }
}
