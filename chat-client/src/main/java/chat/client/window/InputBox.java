package chat.client.window;

import chat.client.core.Paste;
import chat.client.core.TypedLine;
import java.awt.AWTKeyStroke;
import java.awt.KeyboardFocusManager;
import java.awt.datatransfer.Clipboard;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.UnsupportedFlavorException;
import java.awt.event.ActionEvent;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.swing.AbstractAction;
import javax.swing.JComponent;
import javax.swing.JTextField;
import javax.swing.KeyStroke;
import javax.swing.TransferHandler;

/**
 * Where the person types. Enter hands the line over; Up and Down walk the lines sent; Tab completes names
 * and commands (Ctrl+Tab moves the focus on instead); Esc is handed over too (it cancels a paste being
 * sent). A paste of several lines, from the keyboard, a menu or the mouse, is handed over as a whole, never
 * typed into the box, where its line ends would be lost. Event thread only.
 */
final class InputBox {
    private final JTextField field = new JTextField();
    private final InputHistory history = new InputHistory();
    private final TabCompletion completion = new TabCompletion();

    /**
     * @param names who is online now, for completion
     * @param onLine a line to send (the box keeps it until {@link #sent} or {@link #clear})
     * @param onPaste the lines of a multi-line paste
     * @param onEscape Esc pressed
     */
    InputBox(Supplier<List<String>> names, Consumer<String> onLine, Consumer<List<String>> onPaste, Runnable onEscape) {
        field.setName("input");
        field.putClientProperty("JTextField.placeholderText", "Message everyone; /msg NAME text, /me, /list, /help; quit leaves");
        field.addActionListener(e -> onLine.accept(field.getText()));
        field.setFocusTraversalKeys(KeyboardFocusManager.FORWARD_TRAVERSAL_KEYS,
                Set.of(AWTKeyStroke.getAWTKeyStroke(KeyEvent.VK_TAB, InputEvent.CTRL_DOWN_MASK)));
        field.setFocusTraversalKeys(KeyboardFocusManager.BACKWARD_TRAVERSAL_KEYS,
                Set.of(AWTKeyStroke.getAWTKeyStroke(KeyEvent.VK_TAB, InputEvent.CTRL_DOWN_MASK | InputEvent.SHIFT_DOWN_MASK)));
        bind(KeyEvent.VK_TAB, "complete", () -> {
            TabCompletion.Result r = completion.complete(field.getText(), field.getCaretPosition(), names.get());
            if (r != null) {
                field.setText(r.text());
                field.setCaretPosition(r.caret());
            }
        });
        bind(KeyEvent.VK_UP, "historyUp", () -> show(history.up(field.getText())));
        bind(KeyEvent.VK_DOWN, "historyDown", () -> show(history.down()));
        bind(KeyEvent.VK_ESCAPE, "escape", onEscape);
        field.setTransferHandler(new PasteGuard(field.getTransferHandler(), onPaste));
    }

    JTextField field() {
        return field;
    }

    /** The line handed over was sent: it goes into the history (unless it carries a password) and the box empties. */
    void sent(String line, TypedLine typed) {
        history.add(line, typed.carriesPassword());
        field.setText("");
    }

    void clear() {
        field.setText("");
    }

    /** Puts {@code text} in the box, caret at its end, and the focus here. */
    void start(String text) {
        field.setText(text);
        field.requestFocusInWindow();
    }

    private void show(String line) {
        if (line != null) {
            field.setText(line);
        }
    }

    private void bind(int key, String name, Runnable action) {
        field.getInputMap(JComponent.WHEN_FOCUSED).put(KeyStroke.getKeyStroke(key, 0), name);
        field.getActionMap().put(name, new AbstractAction() {
            @Override
            public void actionPerformed(ActionEvent e) {
                action.run();
            }
        });
    }

    /**
     * The text field's own transfer handler, except that text of several lines is handed over instead of
     * pasted (a text field would join its lines with spaces).
     */
    private static final class PasteGuard extends TransferHandler {
        private final TransferHandler text;
        private final Consumer<List<String>> onPaste;

        PasteGuard(TransferHandler text, Consumer<List<String>> onPaste) {
            this.text = text;
            this.onPaste = onPaste;
        }

        @Override
        public boolean importData(TransferSupport support) {
            if (support.isDataFlavorSupported(DataFlavor.stringFlavor) && support.getComponent() instanceof JTextField target) {
                String pasted;
                try {
                    pasted = (String) support.getTransferable().getTransferData(DataFlavor.stringFlavor);
                } catch (UnsupportedFlavorException | IOException e) {
                    return false;
                }
                if (Paste.isPaste(pasted)) {
                    List<String> lines = Paste.lines(pasted);
                    if (lines.size() > 1) {
                        onPaste.accept(lines);
                    } else if (lines.size() == 1) {
                        target.replaceSelection(lines.get(0));
                    }
                    return true;
                }
            }
            return text.importData(support);
        }

        @Override
        public boolean canImport(TransferSupport support) {
            return text.canImport(support);
        }

        @Override
        public int getSourceActions(JComponent c) {
            return text.getSourceActions(c);
        }

        @Override
        public void exportToClipboard(JComponent c, Clipboard clip, int action) {
            text.exportToClipboard(c, clip, action);
        }

        @Override
        public void exportAsDrag(JComponent c, InputEvent e, int action) {
            text.exportAsDrag(c, e, action);
        }
    }
}
