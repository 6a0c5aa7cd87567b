package chat.client.window;

import java.awt.Component;
import java.awt.KeyboardFocusManager;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.swing.JOptionPane;
import javax.swing.SwingUtilities;

/**
 * The window's modal questions, asked the same way everywhere: over the window in front, a question whose
 * unsafe answer is yes defaults to No (Enter says no), and threads that are not the event thread wait for
 * the answer.
 */
final class Dialogs {
    static final String YES = "Yes";
    static final String NO = "No";

    private Dialogs() {}

    /** {@code preferred} if it is on screen, else the window the person is in. */
    static Component owner(Component preferred) {
        return preferred != null && preferred.isShowing()
                ? preferred
                : KeyboardFocusManager.getCurrentKeyboardFocusManager().getActiveWindow();
    }

    /** Asks yes or no, No the default button; true only for Yes. Event thread. */
    static boolean confirm(Component owner, String title, Object message) {
        Object[] options = {YES, NO};
        int choice = JOptionPane.showOptionDialog(owner(owner), message, title, JOptionPane.DEFAULT_OPTION,
                JOptionPane.WARNING_MESSAGE, null, options, NO);
        return choice == 0;
    }

    /** Runs {@code question} on the event thread and waits for its answer; {@code otherwise} if interrupted. */
    static <T> T askAndWait(Supplier<T> question, T otherwise) {
        AtomicReference<T> answer = new AtomicReference<>(otherwise);
        try {
            SwingUtilities.invokeAndWait(() -> answer.set(question.get()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return otherwise;
        } catch (InvocationTargetException e) {
            return otherwise;
        }
        return answer.get();
    }

    /** {@code text} safe inside a dialog's HTML. */
    static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;");
    }
}
