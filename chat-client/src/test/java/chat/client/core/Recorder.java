package chat.client.core;

import chat.client.transfer.TransferView;
import chat.common.protocol.ServerEvent;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a face would be told. */
public final class Recorder implements ChatListener {
    public final List<ServerEvent> events = new CopyOnWriteArrayList<>();
    public final List<ConnectionState> states = new CopyOnWriteArrayList<>();
    public final List<String> details = new CopyOnWriteArrayList<>(); // what each state change said
    public final List<String> questions = new CopyOnWriteArrayList<>();
    public final Queue<String> passwords = new ConcurrentLinkedQueue<>();
    public final List<TransferView> transfers = new CopyOnWriteArrayList<>();
    /** The yes-or-no questions asked, and how this person answers them. */
    public final List<String> confirmations = new CopyOnWriteArrayList<>();
    public volatile boolean agree;

    @Override
    public void onTransfer(TransferView view) {
        transfers.add(view);
    }

    /** The last view of transfer {@code id}, or null. */
    public TransferView transfer(long id) {
        TransferView last = null;
        for (TransferView view : transfers) {
            if (view.id() == id) {
                last = view;
            }
        }
        return last;
    }

    /** The id of the newest transfer heard of, or 0. */
    public long newestTransfer() {
        return transfers.stream().mapToLong(TransferView::id).max().orElse(0);
    }

    @Override
    public String askPassword(String question) {
        questions.add(question);
        return passwords.poll();
    }

    @Override
    public boolean confirm(String question) {
        confirmations.add(question);
        return agree;
    }

    @Override
    public void onEvent(ServerEvent event) {
        events.add(event);
    }

    @Override
    public void onStateChanged(ConnectionState state, String detail) {
        details.add(detail);
        states.add(state);
    }

    public boolean refused() {
        return events.stream().anyMatch(e -> e instanceof ServerEvent.Error);
    }
}
