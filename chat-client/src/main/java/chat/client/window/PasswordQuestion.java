package chat.client.window;

import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.event.HierarchyEvent;
import java.util.Arrays;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JPasswordField;

/**
 * Asks for a password in a small modal dialog ("Password") over whatever window is in front: the field shows
 * dots, and nothing of it is kept anywhere. Called from a thread that is not the event thread (the one
 * logging in or sending), which waits for the answer.
 */
final class PasswordQuestion {
    static final String TITLE = "Password";

    private PasswordQuestion() {}

    /** The password typed, or null if the person cancelled (or the thread was interrupted). */
    static String ask(String question, Component preferredOwner) {
        return Dialogs.askAndWait(() -> show(question, preferredOwner), null);
    }

    private static String show(String question, Component preferredOwner) {
        JPasswordField field = new JPasswordField(20);
        field.setName("password");
        field.addHierarchyListener(e -> { // once shown, typing goes straight into it
            if ((e.getChangeFlags() & HierarchyEvent.SHOWING_CHANGED) != 0 && field.isShowing()) {
                field.requestFocusInWindow();
            }
        });
        JPanel panel = new JPanel(new BorderLayout(0, 6));
        JLabel label = new JLabel(question.strip());
        label.setName("question");
        panel.add(label, BorderLayout.NORTH);
        panel.add(field, BorderLayout.CENTER);
        int choice = JOptionPane.showConfirmDialog(Dialogs.owner(preferredOwner), panel, TITLE, JOptionPane.OK_CANCEL_OPTION, JOptionPane.QUESTION_MESSAGE);
        char[] typed = field.getPassword();
        field.setText("");
        try {
            return choice == JOptionPane.OK_OPTION ? new String(typed) : null;
        } finally {
            Arrays.fill(typed, '\0');
        }
    }
}
