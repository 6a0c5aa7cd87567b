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

    static void transferId(long id) {
        if (id < 1) {
            throw new IllegalArgumentException("bad transfer id: " + id);
        }
    }

    /** {@code word} as a whole number written plainly (digits, no sign, no leading zero); -1 if it is not one. */
    static long wholeNumber(String word) {
        if (word.isEmpty() || word.length() > 19 || word.length() > 1 && word.charAt(0) == '0') {
            return -1;
        }
        for (int i = 0; i < word.length(); i++) {
            if (word.charAt(i) < '0' || word.charAt(i) > '9') {
                return -1;
            }
        }
        try {
            return Long.parseLong(word);
        } catch (NumberFormatException e) {
            return -1; // over Long.MAX_VALUE
        }
    }
}
