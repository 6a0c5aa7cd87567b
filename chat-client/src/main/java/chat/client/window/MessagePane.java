package chat.client.window;

import chat.client.text.NameColour;
import chat.client.text.Tone;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Point;
import java.awt.event.MouseEvent;
import java.util.List;
import java.util.function.Function;
import javax.swing.JScrollBar;
import javax.swing.JScrollPane;
import javax.swing.JViewport;
import javax.swing.SwingUtilities;
import javax.swing.JTextPane;
import javax.swing.UIManager;
import javax.swing.text.AttributeSet;
import javax.swing.text.BadLocationException;
import javax.swing.text.DefaultCaret;
import javax.swing.text.Element;
import javax.swing.text.SimpleAttributeSet;
import javax.swing.text.StyleConstants;
import javax.swing.text.StyledDocument;

/**
 * The messages: time, then the words with the person's name in their colour and the line in its tone.
 * Keeps the newest {@value #MAX_LINES} lines. Follows new lines while scrolled to the bottom and stays put
 * while the person reads further up. Hovering a name shows the address it joined from, where the server
 * showed it. A long line wraps with its continuation indented under the text, never at the left edge where
 * times stand, so no one can fake a line of someone else's by padding a message to the window's width.
 * Scrolled (or wheeled) up to the top, it asks once for earlier lines ({@link #onWantEarlier}), which come in
 * above what the person reads ({@link #prepend}) without moving it.
 *
 * <p>Event thread only.
 */
final class MessagePane {
    static final int MAX_LINES = 10_000;
    /** Name colours that read on the light and the dark theme alike; no red, which is for errors. */
    static final Color[] NAME_COLOURS = {
        new Color(0xD0, 0x4F, 0x98), new Color(0x2E, 0x9E, 0x4A), new Color(0xC0, 0x8A, 0x10), new Color(0x3C, 0x7D, 0xD9),
        new Color(0xB0, 0x4C, 0xC8), new Color(0x1F, 0xA0, 0xA8), new Color(0xE0, 0x70, 0x30), new Color(0x80, 0x80, 0xE0)
    };
    /** Times, notices, history: quieter than the text, yet at least 4.5:1 against the background (WCAG AA). */
    private static final Color QUIET_ON_LIGHT = new Color(0x6E, 0x6E, 0x6E);
    private static final Color QUIET_ON_DARK = new Color(0xAA, 0xAA, 0xAA);
    static final Color ERROR_RED = new Color(0xD9, 0x3A, 0x3A);
    static final Color MENTION_ORANGE = new Color(0xE0, 0x80, 0x00);
    private static final Object PERSON = new Object() {
        @Override
        public String toString() {
            return "person";
        }
    };

    private final Function<String, String> addressOf;
    private final JTextPane pane;
    private final JScrollPane scroll;
    private final StyledDocument doc;
    private Runnable wantEarlier = () -> { };
    private boolean earlierAsked; // a request for earlier lines is out
    private boolean earliest; // nothing earlier is kept: asked no more

    /** @param addressOf the address a name joined from, or null where it is not known */
    MessagePane(Function<String, String> addressOf) {
        this.addressOf = addressOf;
        pane = new JTextPane() {
            @Override
            public String getToolTipText(MouseEvent e) {
                return personAt(viewToModel2D(e.getPoint()));
            }

            @Override
            public void updateUI() {
                super.updateUI();
                // read-only, but not greyed out as a disabled field: the background of text one reads
                setBackground(new Color(UIManager.getColor("TextPane.background").getRGB())); // not a UIResource, which the look would swap
            }
        };
        pane.setName("messages");
        pane.setEditable(false);
        pane.setToolTipText(""); // turns tooltips on; the text comes from getToolTipText(MouseEvent)
        ((DefaultCaret) pane.getCaret()).setUpdatePolicy(DefaultCaret.NEVER_UPDATE); // we decide when to follow
        doc = pane.getStyledDocument();
        scroll = new JScrollPane(pane);
        scroll.setName("messagesScroll");
        // not the width of the longest line (a certificate's fingerprint, say): the split pane would give it all
        scroll.setPreferredSize(new Dimension(500, 300));
        JScrollBar bar = scroll.getVerticalScrollBar();
        int[] last = {0};
        bar.getModel().addChangeListener(e -> {
            int value = bar.getValue();
            if (value == 0 && last[0] > 0) {
                askEarlier(); // scrolled to the top; not when lines put on top leave the view there a moment
            }
            last[0] = value;
        });
        scroll.addMouseWheelListener(e -> { // beside the scroll pane's own: a wheel up at the top, however few lines
            if (e.getWheelRotation() < 0 && bar.getValue() == 0) {
                askEarlier();
            }
        });
    }

    /** {@code ask} is run (once until the answer comes) when the person scrolls up past the first line. */
    void onWantEarlier(Runnable ask) {
        wantEarlier = ask;
    }

    private void askEarlier() {
        if (!earlierAsked && !earliest && lineCount() > 0) {
            earlierAsked = true;
            wantEarlier.run();
        }
    }

    /** Nothing earlier is kept for this pane (a private conversation): nothing is asked. */
    void noEarlier() {
        earliest = true;
    }

    /** Earlier lines cannot be had now (not connected): the next scroll up asks again. */
    void earlierNotNow() {
        earlierAsked = false;
    }

    /**
     * {@code lines}, said before those shown, go on top; the line the person reads stays where it is on the screen.
     *
     * @param more whether still earlier lines are kept; if not, a last line says so and nothing more is asked
     */
    void prepend(List<Line> lines, boolean more, Line noneEarlier) {
        earlierAsked = false;
        earliest = !more;
        List<Line> all = new java.util.ArrayList<>(lines);
        if (!more) {
            all.add(0, noneEarlier);
        }
        if (all.isEmpty()) {
            return;
        }
        JViewport view = scroll.getViewport();
        Point seen = view.getViewPosition();
        int topLine = pane.viewToModel2D(seen);
        int end = 0;
        try {
            for (Line line : all) {
                end = insert(end, line);
            }
        } catch (BadLocationException e) {
            throw new IllegalStateException("inserting at the start cannot be out of range", e);
        }
        doc.setParagraphAttributes(0, end, hangingIndent(), false);
        int inserted = end;
        SwingUtilities.invokeLater(() -> { // once laid out: the line that was on top is on top again
            try {
                java.awt.geom.Rectangle2D at = pane.modelToView2D(Math.min(doc.getLength(), topLine + inserted));
                if (at != null) {
                    view.setViewPosition(new Point(seen.x, (int) at.getY()));
                }
            } catch (BadLocationException e) {
                // the lines changed meanwhile: the view stays where it is
            }
        });
    }

    JScrollPane component() {
        return scroll;
    }

    JTextPane textPane() {
        return pane;
    }

    /** Adds {@code lines} at the end and drops the oldest beyond {@value #MAX_LINES}. */
    void append(List<Line> lines) {
        if (lines.isEmpty()) {
            return;
        }
        boolean follow = atBottom();
        int from = doc.getLength();
        try {
            for (Line line : lines.subList(Math.max(0, lines.size() - MAX_LINES), lines.size())) {
                insert(doc.getLength(), line);
            }
        } catch (BadLocationException e) {
            throw new IllegalStateException("appending at the end cannot be out of range", e);
        }
        doc.setParagraphAttributes(from, doc.getLength() - from, hangingIndent(), false);
        trim();
        if (follow) {
            pane.setCaretPosition(doc.getLength());
        }
    }

    /** How many lines are kept now. */
    int lineCount() {
        return doc.getDefaultRootElement().getElementCount() - 1; // the document always ends in an empty paragraph
    }

    /** The text of the pane, lines ending in a newline. */
    String text() {
        try {
            return doc.getText(0, doc.getLength());
        } catch (BadLocationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Inserts {@code line} at {@code offset}; returns the offset after it. */
    private int insert(int offset, Line line) throws BadLocationException {
        Color quiet = quiet();
        int at = offset;
        at = put(at, line.time() + " ", colour(quiet));
        AttributeSet style = toneStyle(line.tone(), quiet);
        String words = line.words();
        int person = line.person() == null ? -1 : words.indexOf(line.person());
        if (person < 0) {
            return put(at, words + "\n", style);
        }
        SimpleAttributeSet name = new SimpleAttributeSet(style);
        StyleConstants.setForeground(name, NAME_COLOURS[NameColour.index(line.person(), NAME_COLOURS.length)]);
        StyleConstants.setBold(name, true);
        name.addAttribute(PERSON, line.person());
        at = put(at, words.substring(0, person), style);
        at = put(at, line.person(), name);
        return put(at, words.substring(person + line.person().length()) + "\n", style);
    }

    private int put(int offset, String text, AttributeSet style) throws BadLocationException {
        doc.insertString(offset, text, style);
        return offset + text.length();
    }

    /** The quiet colour for the theme in use now, told by the background's lightness. */
    private Color quiet() {
        Color background = pane.getBackground();
        double lightness = (0.299 * background.getRed() + 0.587 * background.getGreen() + 0.114 * background.getBlue()) / 255;
        return lightness < 0.5 ? QUIET_ON_DARK : QUIET_ON_LIGHT;
    }

    private static AttributeSet toneStyle(Tone tone, Color quiet) {
        SimpleAttributeSet style = new SimpleAttributeSet();
        switch (tone) {
            case MINE:
                StyleConstants.setBold(style, true);
                break;
            case PRIVATE:
                StyleConstants.setForeground(style, new Color(0xB0, 0x4C, 0xC8));
                StyleConstants.setItalic(style, true);
                break;
            case NOTICE:
                StyleConstants.setForeground(style, quiet);
                break;
            case ERROR:
                StyleConstants.setForeground(style, ERROR_RED);
                StyleConstants.setBold(style, true);
                break;
            case MENTION:
                StyleConstants.setForeground(style, MENTION_ORANGE);
                StyleConstants.setBold(style, true);
                break;
            default:
                break;
        }
        return style;
    }

    private static AttributeSet colour(Color c) {
        SimpleAttributeSet style = new SimpleAttributeSet();
        StyleConstants.setForeground(style, c);
        return style;
    }

    /** Continuation rows start under the text, right of the time column. */
    private AttributeSet hangingIndent() {
        Font font = pane.getFont();
        float indent = pane.getFontMetrics(font).stringWidth("00:00 ");
        SimpleAttributeSet paragraph = new SimpleAttributeSet();
        StyleConstants.setLeftIndent(paragraph, indent);
        StyleConstants.setFirstLineIndent(paragraph, -indent);
        return paragraph;
    }

    private void trim() {
        int excess = lineCount() - MAX_LINES;
        if (excess <= 0) {
            return;
        }
        int end = doc.getDefaultRootElement().getElement(excess).getStartOffset();
        try {
            doc.remove(0, end);
        } catch (BadLocationException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean atBottom() {
        JScrollBar bar = scroll.getVerticalScrollBar();
        return bar.getValue() + bar.getVisibleAmount() >= bar.getMaximum() - 4;
    }

    private String personAt(int offset) {
        if (offset < 0) {
            return null;
        }
        Element run = doc.getCharacterElement(offset);
        Object person = run.getAttributes().getAttribute(PERSON);
        if (person == null) {
            return null;
        }
        String address = addressOf.apply(person.toString());
        return address == null ? person.toString() : person + ", from " + address;
    }
}
