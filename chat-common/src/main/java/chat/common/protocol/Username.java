package chat.common.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A valid username: 1 to 20 of the ASCII letters, digits, {@code _}, {@code -} and {@code .}.
 *
 * <p>Names are shown as typed but compared case-insensitively: {@link #key()} is the form a roster must
 * use, so that {@code Alice} and {@code alice} can never both be online.
 */
public record Username(String value) {
    public static final int MAX_LENGTH = 20;
    /** The rule, as every message that asks for a name says it. */
    public static final String RULE = "1-" + MAX_LENGTH + " letters, digits, '_', '-' or '.'";

    public Username {
        if (!isValid(value)) {
            throw new IllegalArgumentException("invalid username: " + value);
        }
    }

    /** Returns the name if {@code text} is a valid one, else empty. */
    public static Optional<Username> parse(String text) {
        return isValid(text) ? Optional.of(new Username(text)) : Optional.empty();
    }

    public static boolean isValid(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!isNameChar(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '_'
                || c == '-'
                || c == '.';
    }

    /** The case-folded form under which the name is unique. */
    public String key() {
        return key(value);
    }

    /** The case-folded form of any text, for looking up a name a person typed. */
    public static String key(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /**
     * The name as it looks rather than as it is spelt: case-folded, with the characters that are easy to take
     * for one another made one ({@code I}, {@code l}, {@code 1} and {@code i}; {@code O} and {@code 0};
     * {@code rn} and {@code m}; {@code vv} and {@code w}). Two names with one skeleton and different keys
     * are look-alikes ({@code aIice} beside {@code alice}); a server lets only the first be used.
     */
    public String skeleton() {
        return skeleton(value);
    }

    /** {@link #skeleton()} of any text. */
    public static String skeleton(String text) {
        String folded = key(text).replace("rn", "m").replace("vv", "w");
        StringBuilder skeleton = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            skeleton.append(c == 'i' || c == '1' ? 'l' : c == '0' ? 'o' : c);
        }
        return skeleton.toString();
    }

    /**
     * Every name key whose {@link #skeleton} is {@code skeleton} (each {@code l} may have been {@code l},
     * {@code i} or {@code 1}; each {@code o} an {@code o} or {@code 0}; each {@code m} an {@code m} or
     * {@code rn}; each {@code w} a {@code w} or {@code vv}), or null if there are more than {@code most}: for
     * looking a name's look-alikes up where names are kept by key.
     */
    public static List<String> keysOf(String skeleton, int most) {
        List<String> keys = new ArrayList<>(List.of(""));
        for (int i = 0; i < skeleton.length(); i++) {
            char c = skeleton.charAt(i);
            String[] spellings = c == 'l' ? new String[] {"l", "i", "1"} : c == 'o' ? new String[] {"o", "0"}
                    : c == 'm' ? new String[] {"m", "rn"} : c == 'w' ? new String[] {"w", "vv"} : new String[] {String.valueOf(c)};
            if (keys.size() * spellings.length > most) {
                return null;
            }
            List<String> longer = new ArrayList<>(keys.size() * spellings.length);
            for (String key : keys) {
                for (String spelling : spellings) {
                    longer.add(key + spelling);
                }
            }
            keys = longer;
        }
        keys.removeIf(key -> key.length() > MAX_LENGTH);
        return keys;
    }

    @Override
    public String toString() {
        return value;
    }
}
