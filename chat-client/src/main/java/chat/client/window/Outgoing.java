package chat.client.window;

import chat.client.core.ChatSession;
import chat.client.core.ClientText;
import chat.client.core.ConnectionState;
import chat.client.core.Paste;
import chat.client.core.TypedLine;
import chat.client.text.Tone;
import java.awt.Component;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the person sends from the window: typed lines, pastes and the goodbye, in order, on one thread of
 * their own ({@code chat-window-sender}), because pacing may make a send wait and the event thread must
 * not. A paste being sent can be cancelled. Called on the event thread; what it has to say goes to
 * {@code notes}, from either thread.
 */
final class Outgoing {
    /** Where the window's own lines go. */
    interface Notes {
        void note(String words, Tone tone);
    }

    private final Notes notes;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "chat-window-sender");
        t.setDaemon(true);
        return t;
    });
    private volatile AtomicBoolean pasteCancel; // set while a paste is being sent

    Outgoing(Notes notes) {
        this.notes = notes;
    }

    /**
     * Sends a typed line, if it can go now.
     *
     * @return whether it was taken (the box may forget it); if not, the person has been told why
     */
    boolean send(ChatSession session, String line, TypedLine typed) {
        if (session.state() != ConnectionState.CHATTING) {
            notes.note("Not connected now: the line stays in the box until the connection is back.", Tone.ERROR);
            return false;
        }
        if (!session.fits(line)) {
            notes.note(ClientText.LINE_TOO_LONG, Tone.ERROR);
            return false;
        }
        sender.execute(() -> {
            try {
                session.send(typed);
            } catch (IOException e) {
                notes.note(ClientText.notSent(e.getMessage(), line), Tone.ERROR);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return true;
    }

    /** Sends several pasted lines as text, every one, paced; asks first (over {@code parent}) when long. */
    void paste(ChatSession session, List<String> lines, Component parent) {
        if (session.state() != ConnectionState.CHATTING) {
            notes.note("Not connected now: the paste was not sent.", Tone.ERROR);
            return;
        }
        if (pasteCancel != null) {
            notes.note("A paste is still being sent; Esc cancels it.", Tone.ERROR);
            return;
        }
        Paste.Verdict verdict = Paste.verdict(lines, session::fits);
        if (verdict instanceof Paste.Verdict.Nothing) {
            return;
        }
        if (verdict instanceof Paste.Verdict.TooLong tooLong) {
            notes.note(ClientText.pasteTooLong(tooLong.lines()), Tone.ERROR);
            return;
        }
        if (verdict instanceof Paste.Verdict.Ask && !Dialogs.confirm(parent, "Paste", ClientText.askPaste(lines.size()))) {
            notes.note(ClientText.PASTE_NOT_SENT, Tone.NOTICE);
            return;
        }
        AtomicBoolean cancel = new AtomicBoolean();
        pasteCancel = cancel;
        notes.note(ClientText.sendingPaste(lines.size(), "Esc"), Tone.NOTICE);
        sender.execute(() -> {
            try {
                int sent = session.sendText(lines, cancel);
                notes.note(ClientText.pasteEnded(sent, lines.size()), Tone.NOTICE);
            } catch (IOException e) {
                notes.note(ClientText.pasteStopped(e.getMessage()), Tone.ERROR);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                pasteCancel = null;
            }
        });
    }

    /** Cancels the paste being sent; false if none is. */
    boolean cancelPaste() {
        AtomicBoolean cancel = pasteCancel;
        if (cancel == null) {
            return false;
        }
        cancel.set(true);
        return true;
    }

    /** Stops any paste and says goodbye after what is already on its way; the session's end follows. */
    void quit(ChatSession session) {
        cancelPaste();
        sender.execute(() -> {
            try {
                session.quit("");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                session.close();
            }
        });
    }

    void shutdown() {
        sender.shutdownNow();
    }
}
