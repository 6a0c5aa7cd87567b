package chat.client.window;

import chat.client.text.NameColour;
import java.awt.Component;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.swing.AbstractAction;
import javax.swing.DefaultListCellRenderer;
import javax.swing.DefaultListModel;
import javax.swing.JList;
import javax.swing.JScrollPane;
import javax.swing.KeyStroke;
import javax.swing.ListSelectionModel;

/**
 * Who is online, each name in its colour, the address it joined from on hover. A double-click on a name,
 * or Enter on the selected one, starts a private message to it. Event thread only.
 */
final class MemberList {
    private final DefaultListModel<String> model = new DefaultListModel<>();
    private final JList<String> list = new JList<>(model);
    private final JScrollPane scroll = new JScrollPane(list);

    /**
     * @param addressOf the address a name joined from, or null where it is not known
     * @param onChosen called with a name double-clicked or chosen with Enter
     */
    MemberList(Function<String, String> addressOf, Consumer<String> onChosen) {
        list.setName("members");
        list.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        list.setCellRenderer(new DefaultListCellRenderer() {
            @Override
            public Component getListCellRendererComponent(JList<?> l, Object value, int index, boolean selected, boolean focus) {
                super.getListCellRendererComponent(l, value, index, selected, focus);
                String name = (String) value;
                if (!selected) {
                    setForeground(MessagePane.NAME_COLOURS[NameColour.index(name, MessagePane.NAME_COLOURS.length)]);
                }
                String address = addressOf.apply(name);
                setToolTipText(address == null ? name : name + ", from " + address);
                return this;
            }
        });
        list.addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent e) {
                int index = list.locationToIndex(e.getPoint());
                if (e.getClickCount() == 2 && index >= 0) {
                    onChosen.accept(model.get(index));
                }
            }
        });
        list.getInputMap().put(KeyStroke.getKeyStroke(KeyEvent.VK_ENTER, 0), "choose");
        list.getActionMap().put("choose", new AbstractAction() {
            @Override
            public void actionPerformed(ActionEvent e) {
                if (list.getSelectedValue() != null) {
                    onChosen.accept(list.getSelectedValue());
                }
            }
        });
        scroll.setName("membersScroll");
    }

    JScrollPane component() {
        return scroll;
    }

    JList<String> list() {
        return list;
    }

    /** Shows {@code names}, keeping the selection where the name is still there. */
    void show(List<String> names) {
        if (names.equals(current())) {
            return;
        }
        String selected = list.getSelectedValue();
        model.clear();
        model.addAll(names);
        if (selected != null) {
            list.setSelectedValue(selected, false);
        }
    }

    /** The names shown, in order. */
    List<String> current() {
        List<String> names = new ArrayList<>(model.size());
        for (int i = 0; i < model.size(); i++) {
            names.add(model.get(i));
        }
        return names;
    }
}
