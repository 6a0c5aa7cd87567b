package chat.client.core;

import chat.common.protocol.ServerEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a face would be told. */
public final class Recorder implements ChatListener {
    public final List<ServerEvent> events = new CopyOnWriteArrayList<>();
    public final List<ConnectionState> states = new CopyOnWriteArrayList<>();
    public final List<String> questions = new CopyOnWriteArrayList<>();
    public final java.util.Queue<String> passwords = new java.util.concurrent.ConcurrentLinkedQueue<>();
    public final List<chat.client.transfer.TransferView> transfers = new CopyOnWriteArrayList<>();

    @Override
    public void onTransfer(chat.client.transfer.TransferView view) {
        transfers.add(view);
    }

    /** The last view of transfer {@code id}, or null. */
    public chat.client.transfer.TransferView transfer(long id) {
        chat.client.transfer.TransferView last = null;
        for (chat.client.transfer.TransferView view : transfers) {
            if (view.id() == id) {
                last = view;
            }
        }
        return last;
    }

    /** The id of the newest transfer heard of, or 0. */
    public long newestTransfer() {
        return transfers.stream().mapToLong(chat.client.transfer.TransferView::id).max().orElse(0);
    }

    @Override
    public String askPassword(String question) {
        questions.add(question);
        return passwords.poll();
    }

    @Override
    public void onEvent(ServerEvent event) {
        events.add(event);
    }

    @Override
    public void onStateChanged(ConnectionState state, String detail) {
        states.add(state);
    }

    public boolean refused() {
        return events.stream().anyMatch(e -> e instanceof ServerEvent.Error);
    }
}
