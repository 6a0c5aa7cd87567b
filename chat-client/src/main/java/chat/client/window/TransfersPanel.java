package chat.client.window;

import chat.client.transfer.TransferText;
import chat.client.transfer.TransferView;
import chat.common.protocol.ClientCommand;
import chat.common.protocol.CommandEncoder;
import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.Dimension;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * The window's file transfers: a panel with a row per transfer (what, a progress bar, Cancel), the question
 * a file offered asks (a small dialog that does not block the chat), and sending files chosen with the Send
 * File button or dropped on the window. Event thread only.
 */
final class TransfersPanel {
    private static final int MAX_ROWS = 20;

    /** One transfer's row. */
    private static final class Row {
        final JPanel panel = new JPanel(new BorderLayout(6, 2));
        final JLabel label = new JLabel();
        final JProgressBar bar = new JProgressBar(0, 100);
        final JButton cancel = new JButton("Cancel");
        JDialog question; // the open offer's dialog, or null
    }

    private final Component owner;
    private final Consumer<String> send;
    private final Supplier<List<String>> members;
    private final Supplier<String> selected;
    private final JPanel rows = new JPanel();
    private final JScrollPane scroll = new JScrollPane(rows);
    private final Map<Long, Row> byId = new LinkedHashMap<>();

    /**
     * @param send sends a line as if typed ({@code /accept 7}, {@code /send bob PATH})
     * @param members who is online, to choose a recipient from
     * @param selected the member selected in the list, or null
     */
    TransfersPanel(Component owner, Consumer<String> send, Supplier<List<String>> members, Supplier<String> selected) {
        this.owner = owner;
        this.send = send;
        this.members = members;
        this.selected = selected;
        rows.setLayout(new BoxLayout(rows, BoxLayout.Y_AXIS));
        rows.setName("transfers");
        scroll.setPreferredSize(new Dimension(100, 110));
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
        row.label.setText(TransferText.line(view));
        row.bar.setValue(view.percent());
        row.bar.setString(view.stage() == TransferView.Stage.RUNNING ? TransferText.progress(view) : view.stage().name().toLowerCase(Locale.ROOT));
        row.cancel.setEnabled(!view.stage().isFinal());
        if (view.stage() == TransferView.Stage.OFFERED && !view.sending() && row.question == null) {
            row.question = ask(view);
        } else if (view.stage() != TransferView.Stage.OFFERED && row.question != null) {
            row.question.dispose(); // answered, or ended before an answer
            row.question = null;
        }
    }

    private Row addRow(TransferView view) {
        Row row = new Row();
        row.panel.setName("transfer-" + view.id());
        row.bar.setName("progress-" + view.id());
        row.bar.setStringPainted(true);
        row.cancel.setName("cancel-" + view.id());
        row.cancel.addActionListener(e -> send.accept(CommandEncoder.encode(new ClientCommand.Cancel(view.id()))));
        row.panel.add(row.label, BorderLayout.NORTH);
        row.panel.add(row.bar, BorderLayout.CENTER);
        row.panel.add(row.cancel, BorderLayout.EAST);
        row.panel.setBorder(BorderFactory.createEmptyBorder(2, 4, 2, 4));
        byId.put(view.id(), row);
        rows.add(row.panel, 0); // newest on top
        if (byId.size() > MAX_ROWS) {
            Long oldest = byId.keySet().iterator().next();
            Row gone = byId.remove(oldest);
            rows.remove(gone.panel);
        }
        scroll.setVisible(true);
        rows.revalidate();
        scroll.getParent().revalidate();
        return row;
    }

    /** The question of a file offered: Accept or Decline, in a dialog that leaves the chat usable. */
    private JDialog ask(TransferView view) {
        JOptionPane pane = new JOptionPane(TransferText.line(view).replaceFirst(": /accept.*$", ""),
                JOptionPane.QUESTION_MESSAGE, JOptionPane.DEFAULT_OPTION, null, new Object[] {"Accept", "Decline"}, "Accept");
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

    /** Files dropped on the messages go to the member selected; dropped on a member of the list, to that member. */
    void takeDrops(JComponent messages, JList<String> members) {
        FileDrop.install(messages, support -> null, this::send);
        members.setDropMode(DropMode.ON);
        FileDrop.install(members, TransfersPanel::memberAt, this::send);
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
        if (chooser.showOpenDialog(owner) == JFileChooser.APPROVE_OPTION) {
            send(null, List.of(chooser.getSelectedFiles()));
        }
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
        return choice == null ? null : choice.toString();
    }
}
