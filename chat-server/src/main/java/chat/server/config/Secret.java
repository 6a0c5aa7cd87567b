package chat.server.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** A password the server holds in the clear (a private server's shared one): compared in constant time, never printed. */
public record Secret(String value) {
    public Secret {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("the password is empty");
        }
    }

    public boolean matches(String attempt) {
        return MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), attempt.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "(hidden)";
    }
}
