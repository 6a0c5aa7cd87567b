package chat.client.window;

import java.awt.datatransfer.Clipboard;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.UnsupportedFlavorException;
import java.awt.event.InputEvent;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javax.swing.JComponent;
import javax.swing.TransferHandler;

/**
 * Files dropped on a component are sent: to the member under the drop where there is one (the member list),
 * else as {@link TransfersPanel#send} decides. Everything else (copying text, dragging it) is left to the
 * component's own handler.
 */
final class FileDrop extends TransferHandler {
    private final TransferHandler own; // may be null
    private final Function<TransferSupport, String> recipient;
    private final BiConsumer<String, List<File>> send;

    /** @param recipient the member a drop names (null: none) */
    private FileDrop(TransferHandler own, Function<TransferSupport, String> recipient, BiConsumer<String, List<File>> send) {
        this.own = own;
        this.recipient = recipient;
        this.send = send;
    }

    /** Makes {@code component} take dropped files, keeping what it did before. */
    static void install(JComponent component, Function<TransferSupport, String> recipient, BiConsumer<String, List<File>> send) {
        component.setTransferHandler(new FileDrop(component.getTransferHandler(), recipient, send));
    }

    @Override
    public boolean canImport(TransferSupport support) {
        return support.isDataFlavorSupported(DataFlavor.javaFileListFlavor) || own != null && own.canImport(support);
    }

    @Override
    public boolean importData(TransferSupport support) {
        if (!support.isDataFlavorSupported(DataFlavor.javaFileListFlavor)) {
            return own != null && own.importData(support);
        }
        try {
            @SuppressWarnings("unchecked")
            List<File> files = (List<File>) support.getTransferable().getTransferData(DataFlavor.javaFileListFlavor);
            send.accept(recipient.apply(support), files);
            return true;
        } catch (UnsupportedFlavorException | IOException e) {
            return false;
        }
    }

    @Override
    public int getSourceActions(JComponent c) {
        return own == null ? NONE : own.getSourceActions(c);
    }

    @Override
    public void exportAsDrag(JComponent comp, InputEvent e, int action) {
        if (own != null) {
            own.exportAsDrag(comp, e, action);
        }
    }

    @Override
    public void exportToClipboard(JComponent comp, Clipboard clip, int action) {
        if (own != null) {
            own.exportToClipboard(comp, clip, action);
        }
    }
}
