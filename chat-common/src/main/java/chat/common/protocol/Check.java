package chat.common.protocol;

/** The validity rules shared by the protocol records' constructors. */
final class Check {
    private Check() {}

    static void name(String name) {
        if (!Username.isValid(name)) {
            throw new IllegalArgumentException("invalid name: " + name);
        }
    }

    /** A field is one non-empty word: no space and no line break. */
    static void field(String field) {
        if (field == null || field.isEmpty() || field.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("invalid field: " + field);
        }
        text(field);
    }

    /** Free text may hold anything but a line break, which would end the line early. */
    static void text(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text is null");
        }
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("text holds a line break");
        }
    }
}
