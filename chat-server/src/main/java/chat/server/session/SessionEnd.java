package chat.server.session;

import chat.server.config.ServerText;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Why a session ends, as its {@code LEAVE} and {@code BYE} say: ended from outside (shutdown, timeouts, a
 * moderator; the first word wins), else by what the reader found (a quit, the connection's end).
 */
final class SessionEnd {
    /** {@code moderated}: by an operator, announced in any room. */
    private record Ending(String reason, boolean moderated) {}

    private final AtomicReference<Ending> fromOutside = new AtomicReference<>();
    private String found = "connection closed"; // reader thread only

    /** Ended from outside for {@code reason}; false if another reason came first. */
    boolean endedFromOutside(String reason, boolean moderated) {
        return fromOutside.compareAndSet(null, new Ending(reason, moderated));
    }

    /** What the reader found (reader thread only). */
    void found(String reason) {
        found = reason;
    }

    /** The reader's connection failed with {@code e}. */
    void failed(IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        found = message.contains("reset") ? "connection reset" : "connection lost";
    }

    /** The reason to announce; {@code tooSlow}: the outbox overflowed (it outranks what the reader found). */
    String reason(boolean tooSlow) {
        Ending ending = fromOutside.get();
        return ending != null ? ending.reason() : tooSlow ? ServerText.BYE_TOO_SLOW : found;
    }

    /** Whether an operator ended it: its leave is announced in any room. */
    boolean moderated() {
        Ending ending = fromOutside.get();
        return ending != null && ending.moderated();
    }
}
