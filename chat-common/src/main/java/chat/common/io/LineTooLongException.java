package chat.common.io;

import java.io.IOException;

/**
 * A line passed the reader's byte limit. The stream is still usable: the rest of that line is skipped and the
 * next read starts on the line after it.
 */
public final class LineTooLongException extends IOException {
    private static final long serialVersionUID = 1L;

    public LineTooLongException(int limit) {
        super("line longer than " + limit + " bytes");
    }
}
