package chat.client.window;

import chat.client.core.Conversations.Key;
import chat.client.core.Conversations.Summary;
import java.awt.CardLayout;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.Font;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.swing.DefaultListCellRenderer;
import javax.swing.DefaultListModel;
import javax.swing.JComponent;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.ListSelectionModel;

/**
 * The window's conversations (docs/USAGE.md, "Rooms"): on the left a list of the rooms and private
 * conversations open, each with how many lines were not seen yet and a {@code !} when one of them wants
 * attention; beside it one message pane per conversation, the current one shown. The list shows only once
 * there is more than the default room, so a chat without rooms looks as it always did. Event thread only.
 */
final class ConversationPanes {
    private final Function<String, String> addressOf;
    private final Consumer<MessagePane> onNewPane;
    private final Consumer<Key> onWantEarlier;
    private final DefaultListModel<Summary> model = new DefaultListModel<>();
    private final JList<Summary> list = new JList<>(model);
    private final JScrollPane listScroll = new JScrollPane(list);
    private final CardLayout cards = new CardLayout();
    private final JPanel panes = new JPanel(cards);
    private final Map<String, MessagePane> byName = new HashMap<>(); // lower-case conversation name -> its pane
    private String shown; // the lower-case name of the pane shown
    private boolean updating; // while the list is set from the conversations: a selection then is not the person's

    /**
     * @param addressOf the address a name joined from, or null where it is not known
     * @param onChosen told the conversation the person picks in the list
     * @param onNewPane told of each pane made, before it shows (to take files dropped on it)
     * @param onWantEarlier told of a conversation whose pane was scrolled up to its first line
     *
     * <p>There is no pane until the first {@link #show}.
     */
    ConversationPanes(Function<String, String> addressOf, Consumer<Key> onChosen, Consumer<MessagePane> onNewPane,
            Consumer<Key> onWantEarlier) {
        this.addressOf = addressOf;
        this.onNewPane = onNewPane;
        this.onWantEarlier = onWantEarlier;
        list.setName("conversations");
        list.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        list.setCellRenderer(new DefaultListCellRenderer() {
            @Override
            public Component getListCellRendererComponent(JList<?> l, Object value, int index, boolean selected, boolean focus) {
                Summary summary = (Summary) value;
                super.getListCellRendererComponent(l, label(summary), index, selected, focus);
                setFont(getFont().deriveFont(summary.unread() > 0 ? Font.BOLD : Font.PLAIN));
                if (summary.attention() && !selected) {
                    setForeground(MessagePane.MENTION_ORANGE);
                }
                setToolTipText(summary.unread() == 0 ? null
                        : summary.unread() + " not seen yet" + (summary.attention() ? ", one of them for you" : ""));
                return this;
            }
        });
        list.addListSelectionListener(e -> {
            if (!updating && !e.getValueIsAdjusting() && list.getSelectedValue() != null) {
                onChosen.accept(list.getSelectedValue().key());
            }
        });
        listScroll.setName("conversationsScroll");
        listScroll.setPreferredSize(new Dimension(150, 100));
        listScroll.setVisible(false);
        panes.setName("panes");
    }

    /** How a conversation stands in the list: {@code #dev (3!)}, as the terminal's status row has it. */
    static String label(Summary summary) {
        return summary.key().name() + (summary.unread() == 0 ? "" : " (" + summary.unread() + (summary.attention() ? "!)" : ")"));
    }

    JComponent listComponent() {
        return listScroll;
    }

    JList<Summary> list() {
        return list;
    }

    JComponent panesComponent() {
        return panes;
    }

    /** The pane of {@code key}, made if there is none yet. */
    MessagePane pane(Key key) {
        return byName.computeIfAbsent(name(key), name -> {
            MessagePane pane = new MessagePane(addressOf);
            pane.onWantEarlier(() -> onWantEarlier.accept(key));
            panes.add(pane.component(), name);
            onNewPane.accept(pane);
            return pane;
        });
    }

    /** The pane shown. */
    MessagePane current() {
        return byName.get(shown);
    }

    /**
     * Shows the conversations {@code all} in the list, {@code current} selected and its pane shown; the panes
     * of conversations no longer open go, with their lines (a room left, then joined again, starts afresh).
     */
    void show(List<Summary> all, Key current) {
        updating = true;
        try {
            if (!all.equals(listed())) {
                model.clear();
                model.addAll(all);
            }
            list.setSelectedValue(all.stream().filter(s -> s.key().equals(current)).findFirst().orElse(null), true);
        } finally {
            updating = false;
        }
        listScroll.setVisible(all.size() > 1);
        byName.keySet().removeIf(name -> {
            boolean gone = all.stream().noneMatch(s -> name(s.key()).equals(name));
            if (gone) {
                panes.remove(byName.get(name).component());
            }
            return gone;
        });
        pane(current);
        shown = name(current);
        cards.show(panes, shown);
    }

    private List<Summary> listed() {
        return Collections.list(model.elements());
    }

    private static String name(Key key) {
        return key.name().toLowerCase(Locale.ROOT);
    }
}
