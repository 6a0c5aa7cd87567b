package chat.common.protocol;

import java.util.Locale;

/** The states a file transfer reaches after its offer; on the wire, the lowercase word of each. */
public enum TransferState {
    /** The recipient accepted: both ends get their {@link ServerEvent.TransferData}. */
    ACCEPTED,
    /** The recipient declined. */
    DECLINED,
    /** One end cancelled (the text names who). */
    CANCELLED,
    /** Not answered in time, or a data connection did not come in time. */
    EXPIRED,
    /** It broke: an end left, stalled, or sent less than offered. */
    FAILED,
    /** Every byte offered was relayed; the recipient checks the hash. */
    DONE;

    /** Whether nothing more happens to a transfer in this state. */
    public boolean isFinal() {
        return this != ACCEPTED;
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state written as {@code word}; IllegalArgumentException if none is. */
    public static TransferState ofWord(String word) {
        for (TransferState state : values()) {
            if (state.word().equals(word)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown transfer state: " + word);
    }
}
