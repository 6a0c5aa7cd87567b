package chat.client.window;

import chat.client.transfer.TransferText;
import chat.client.transfer.TransferView;
import chat.common.protocol.ClientCommand;
import chat.common.protocol.CommandEncoder;
import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.Desktop;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.DropMode;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.JScrollPane;
import javax.swing.TransferHandler;

/**
 * The window's file transfers: a panel with one compact row per transfer (what, a progress bar with how it
 * stands, and buttons: Cancel while it runs, Open Folder once saved, × to put an ended one away), scrolling
 * when there are many and hidden when there are none; the question a file offered asks (a small dialog that
 * does not block the chat); and sending files chosen with the Send File button or dropped on the window. No
 * command is ever shown for the person to type: buttons do it. Event thread only.
 */
final class TransfersPanel {
    private static final int MAX_ROWS = 20;
    private static final int TITLE_COLUMNS = 260;

    /** One transfer's row. */
    private static final class Row {
        final JPanel panel = new JPanel(new BorderLayout(6, 0));
        final JLabel title = new JLabel();
        final JProgressBar bar = new JProgressBar(0, 100);
        final JButton cancel = new JButton("Cancel");
        final JButton open = new JButton("Open Folder");
        final JButton dismiss = new JButton("×");
        JDialog question; // the open offer's dialog, or null
        Path saved; // where the file went, once it is saved
    }

    private final Component owner;
    private final Consumer<String> send;
    private final Supplier<List<String>> members;
    private final Supplier<String> selected;
    private final Runnable refocus;
    private final JPanel rows = new JPanel();
    private final JScrollPane scroll = new JScrollPane(rows);
    private final Map<Long, Row> byId = new LinkedHashMap<>();

    /**
     * @param send sends a line as if typed ({@code /accept 7}, {@code /send bob PATH})
     * @param members who is online, to choose a recipient from
     * @param selected the member selected in the list, or null
     * @param refocus gives the input box the focus back, after a dialog
     */
    TransfersPanel(Component owner, Consumer<String> send, Supplier<List<String>> members, Supplier<String> selected,
            Runnable refocus) {
        this.owner = owner;
        this.send = send;
        this.members = members;
        this.selected = selected;
        this.refocus = refocus;
        rows.setLayout(new BoxLayout(rows, BoxLayout.Y_AXIS));
        rows.setName("transfers");
        scroll.setName("transfersScroll");
        scroll.setPreferredSize(new Dimension(100, 96)); // about three rows; more scroll
        scroll.setBorder(BorderFactory.createTitledBorder("File transfers"));
        scroll.setVisible(false);
    }

    JScrollPane component() {
        return scroll;
    }

    /** Shows {@code view}: a new row, progress, or the end; a file offered asks its question. */
    void update(TransferView view) {
        Row row = byId.get(view.id());
        if (row == null) {
            row = addRow(view);
        }
        boolean ended = view.stage().isFinal();
        row.title.setText(TransferText.title(view));
        row.title.setToolTipText(TransferText.line(view, false));
        row.bar.setValue(view.percent());
        row.bar.setString(TransferText.status(view));
        row.cancel.setVisible(!ended);
        row.saved = view.file();
        row.open.setVisible(view.stage() == TransferView.Stage.DONE && view.file() != null);
        row.open.setEnabled(canOpenFolders());
        row.dismiss.setVisible(ended);
        if (view.stage() == TransferView.Stage.OFFERED && !view.sending() && row.question == null) {
            row.question = ask(view);
        } else if (view.stage() != TransferView.Stage.OFFERED && row.question != null) {
            row.question.dispose(); // answered, or ended before an answer
            row.question = null;
            refocus.run();
        }
    }

    private Row addRow(TransferView view) {
        Row row = new Row();
        row.panel.setName("transfer-" + view.id());
        row.bar.setName("progress-" + view.id());
        row.bar.setStringPainted(true);
        row.title.setPreferredSize(new Dimension(TITLE_COLUMNS, row.title.getPreferredSize().height));
        row.cancel.setName("cancel-" + view.id());
        row.cancel.addActionListener(e -> send.accept(CommandEncoder.encode(new ClientCommand.Cancel(view.id()))));
        row.open.setName("open-" + view.id());
        row.open.addActionListener(e -> openFolder(row.saved));
        row.dismiss.setName("dismiss-" + view.id());
        row.dismiss.setToolTipText("Put this transfer away");
        row.dismiss.addActionListener(e -> remove(view.id()));
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT, 4, 0));
        buttons.add(row.cancel);
        buttons.add(row.open);
        buttons.add(row.dismiss);
        row.panel.add(row.title, BorderLayout.WEST);
        row.panel.add(row.bar, BorderLayout.CENTER);
        row.panel.add(buttons, BorderLayout.EAST);
        row.panel.setBorder(BorderFactory.createEmptyBorder(2, 4, 2, 4));
        row.panel.setMaximumSize(new Dimension(Integer.MAX_VALUE, row.panel.getPreferredSize().height));
        byId.put(view.id(), row);
        rows.add(row.panel, 0); // newest on top
        if (byId.size() > MAX_ROWS) {
            remove(byId.keySet().iterator().next());
        }
        scroll.setVisible(true);
        relayout();
        return row;
    }

    /** Takes a transfer's row away; the panel hides with the last. */
    private void remove(long id) {
        Row gone = byId.remove(id);
        if (gone == null) {
            return;
        }
        if (gone.question != null) {
            gone.question.dispose();
        }
        rows.remove(gone.panel);
        scroll.setVisible(!byId.isEmpty());
        relayout();
        refocus.run();
    }

    private void relayout() {
        rows.revalidate();
        rows.repaint();
        if (scroll.getParent() != null) {
            scroll.getParent().revalidate();
        }
    }

    private static boolean canOpenFolders() {
        return Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.OPEN);
    }

    private void openFolder(Path file) {
        if (file == null || !canOpenFolders()) {
            return;
        }
        try {
            Desktop.getDesktop().open(file.toAbsolutePath().getParent().toFile());
        } catch (IOException | RuntimeException e) {
            JOptionPane.showMessageDialog(owner, "Cannot open " + file.getParent() + ": " + e.getMessage(), "Open Folder",
                    JOptionPane.WARNING_MESSAGE);
            refocus.run();
        }
    }

    /** The question of a file offered: Accept or Decline, in a dialog that leaves the chat usable. */
    private JDialog ask(TransferView view) {
        JOptionPane pane = new JOptionPane(view.peer() + " offers you " + view.fileName() + " (" + TransferText.size(view.size())
                + ").", JOptionPane.QUESTION_MESSAGE, JOptionPane.DEFAULT_OPTION, null, new Object[] {"Accept", "Decline"},
                "Accept");
        JDialog dialog = pane.createDialog(owner, "File offered");
        dialog.setName("offer-" + view.id());
        dialog.setModal(false);
        pane.addPropertyChangeListener(JOptionPane.VALUE_PROPERTY, e -> {
            Object answer = pane.getValue();
            if ("Accept".equals(answer)) {
                send.accept(CommandEncoder.encode(new ClientCommand.Accept(view.id())));
            } else if ("Decline".equals(answer) || answer != null && !JOptionPane.UNINITIALIZED_VALUE.equals(answer)) {
                send.accept(CommandEncoder.encode(new ClientCommand.Decline(view.id()))); // closing the dialog declines too
            }
            dialog.dispose();
            refocus.run();
        });
        dialog.setVisible(true);
        return dialog;
    }

    /** The Send File button, for beside the input box. */
    JButton sendButton() {
        JButton button = new JButton("Send File…");
        button.setName("sendFile");
        button.setToolTipText("Send files to the member selected, or drop files on a member or on the messages");
        button.addActionListener(e -> chooseAndSend());
        return button;
    }

    /** Files dropped on a member of the list are offered to that member. */
    void takeDrops(JList<String> members) {
        members.setDropMode(DropMode.ON);
        FileDrop.install(members, TransfersPanel::memberAt, this::send);
    }

    /** Files dropped on a conversation's messages are offered to the member selected in the list. */
    void takeDrops(JComponent messages) {
        FileDrop.install(messages, support -> null, this::send);
    }

    /** The member a drop on the list points at, or null. */
    private static String memberAt(TransferHandler.TransferSupport support) {
        if (!support.isDrop() || !(support.getDropLocation() instanceof JList.DropLocation at) || at.getIndex() < 0) {
            return null;
        }
        JList<?> list = (JList<?>) support.getComponent();
        return String.valueOf(list.getModel().getElementAt(at.getIndex()));
    }

    /** The Send File button: choose files, then whom to send them to. */
    void chooseAndSend() {
        JFileChooser chooser = new JFileChooser();
        chooser.setMultiSelectionEnabled(true);
        chooser.setDialogTitle("Send files");
        chooser.setName("fileChooser");
        if (chooser.showOpenDialog(owner) == JFileChooser.APPROVE_OPTION) {
            send(null, List.of(chooser.getSelectedFiles()));
        }
        refocus.run();
    }

    /**
     * Offers {@code files} to {@code to}; with no one named, to the member selected in the list, else to whom
     * the person picks.
     */
    void send(String to, List<File> files) {
        String recipient = to != null ? to : selected.get() != null ? selected.get() : pickRecipient();
        if (recipient == null) {
            return;
        }
        for (File file : files) {
            send.accept("/send " + recipient + " " + file.getAbsolutePath());
        }
    }

    private String pickRecipient() {
        Object[] names = members.get().toArray();
        if (names.length == 0) {
            return null;
        }
        Object choice = JOptionPane.showInputDialog(owner, "Send to:", "Send files", JOptionPane.QUESTION_MESSAGE, null,
                names, names[0]);
        refocus.run();
        return choice == null ? null : choice.toString();
    }
}
