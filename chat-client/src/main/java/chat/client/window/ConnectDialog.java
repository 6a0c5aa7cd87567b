package chat.client.window;

import chat.client.core.ServerAddress;
import chat.common.net.HostPort;
import chat.common.protocol.Protocol;
import chat.common.protocol.Username;
import java.awt.Frame;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextField;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;

/**
 * Where the person says which server to join and under which name. Connecting runs on a thread of its own
 * ({@code chat-connect}), so the dialog stays alive; over TLS a server seen for the first time has its
 * certificate's fingerprint shown, to be trusted or not; what goes wrong (no server there, name taken, invalid
 * name) is said in the dialog, which stays open for another try. Enter connects, Esc cancels.
 */
final class ConnectDialog {
    /** One try at connecting and logging in; runs on {@code chat-connect}. */
    interface Attempt {
        /** @return null when logged in (the chat window takes over), or why not, for the person */
        String connect(String host, int port, String name, boolean tls);
    }

    private final JDialog dialog = new JDialog((Frame) null, "Join a chat", false);
    private final JTextField host = new JTextField(22);
    private final JTextField port = new JTextField(6);
    private final JTextField name = new JTextField(22);
    private final JCheckBox tls = new JCheckBox("Encrypted (TLS)");
    private final JLabel problem = new JLabel(" ");
    private final JButton connect = new JButton("Connect");
    private final JButton cancel = new JButton("Cancel");
    private final Attempt attempt;
    private final Runnable onCancel;
    private volatile boolean trying;

    ConnectDialog(WindowSettings last, Attempt attempt, Runnable onCancel) {
        this.attempt = attempt;
        this.onCancel = onCancel;
        host.setText(last.host());
        port.setText(Integer.toString(last.port()));
        name.setText(last.name());
        tls.setSelected(last.tls());
        tls.setMnemonic('E');
        tls.setName("tls");
        host.setName("host");
        port.setName("port");
        name.setName("name");
        problem.setName("problem");
        connect.setName("connect");
        cancel.setName("cancel");
        problem.setForeground(MessagePane.ERROR_RED);

        JPanel form = new JPanel(new GridBagLayout());
        form.setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
        row(form, 0, "Server (name or address):", host, 'S');
        row(form, 1, "Port:", port, 'P');
        row(form, 2, "Your name:", name, 'N');
        GridBagConstraints c = new GridBagConstraints();
        c.gridx = 1;
        c.gridy = 3;
        c.anchor = GridBagConstraints.WEST;
        form.add(tls, c);
        c = new GridBagConstraints();
        c.gridx = 0;
        c.gridy = 4;
        c.gridwidth = 2;
        c.anchor = GridBagConstraints.WEST;
        c.insets = new Insets(8, 0, 8, 0);
        form.add(problem, c);
        JPanel buttons = new JPanel();
        buttons.add(connect);
        buttons.add(cancel);
        c.gridy = 5;
        c.anchor = GridBagConstraints.EAST;
        form.add(buttons, c);

        connect.addActionListener(e -> connectNow());
        cancel.addActionListener(e -> cancel());
        dialog.getRootPane().setDefaultButton(connect);
        dialog.getRootPane().registerKeyboardAction(e -> cancel(), KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0),
                JComponent.WHEN_IN_FOCUSED_WINDOW);
        dialog.setDefaultCloseOperation(JDialog.DO_NOTHING_ON_CLOSE);
        dialog.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                cancel();
            }
        });
        dialog.setContentPane(form);
        dialog.pack();
        dialog.setLocationRelativeTo(null);
    }

    JDialog dialog() {
        return dialog;
    }

    void show() {
        dialog.setVisible(true);
        (name.getText().isEmpty() ? name : connect).requestFocusInWindow();
    }

    /** Checks the form, then tries on {@code chat-connect}; the answer comes back to the dialog. */
    void connectNow() {
        if (trying) {
            return;
        }
        String who = name.getText().strip();
        if (!Username.isValid(who)) {
            problem.setText("Choose a name of " + Username.RULE + ".");
            name.requestFocusInWindow();
            return;
        }
        ServerAddress server;
        try {
            String p = port.getText().strip();
            server = ServerAddress.parse(host.getText(), p.isEmpty() ? null : Integer.valueOf(p));
        } catch (NumberFormatException e) {
            problem.setText("The port is a number, from 1 to 65535 (usually " + Protocol.DEFAULT_PORT + ").");
            return;
        } catch (IllegalArgumentException e) {
            problem.setText(e.getMessage().replace("--host", "The server").replace("--port", "the port"));
            return;
        }
        trying = true;
        setEnabled(false);
        problem.setText("Connecting to " + HostPort.format(server.host(), server.port()) + "...");
        boolean encrypted = tls.isSelected();
        Thread t = new Thread(() -> {
            String why = attempt.connect(server.host(), server.port(), who, encrypted);
            SwingUtilities.invokeLater(() -> answered(why));
        }, "chat-connect");
        t.setDaemon(true);
        t.start();
    }

    private void answered(String why) {
        trying = false;
        if (why == null) {
            dialog.dispose();
            return;
        }
        setEnabled(true);
        problem.setText(why);
        dialog.pack();
        name.requestFocusInWindow();
    }

    private void cancel() {
        dialog.dispose();
        onCancel.run();
    }

    private void setEnabled(boolean enabled) {
        host.setEnabled(enabled);
        port.setEnabled(enabled);
        name.setEnabled(enabled);
        tls.setEnabled(enabled);
        connect.setEnabled(enabled);
    }

    private static void row(JPanel form, int y, String label, JTextField field, char mnemonic) {
        JLabel l = new JLabel(label);
        l.setDisplayedMnemonic(mnemonic);
        l.setLabelFor(field);
        GridBagConstraints c = new GridBagConstraints();
        c.gridx = 0;
        c.gridy = y;
        c.anchor = GridBagConstraints.WEST;
        c.insets = new Insets(4, 0, 4, 8);
        form.add(l, c);
        c.gridx = 1;
        c.fill = GridBagConstraints.HORIZONTAL;
        c.weightx = 1;
        form.add(field, c);
    }
}
