package chat.server.accounts;

import chat.server.config.ServerConfig;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A password as it is kept: PBKDF2-HMAC-SHA256 over it with a random 16-byte salt and many iterations
 * (600,000 by default, OWASP's advice for this function), so that a stolen store costs a guesser that much
 * work per guess and per name. Written as {@code pbkdf2-sha256 ITERATIONS SALT HASH} (base64).
 */
public record PasswordHash(int iterations, byte[] salt, byte[] hash) {
    public static final int DEFAULT_ITERATIONS = ServerConfig.DEFAULT_PASSWORD_ITERATIONS;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "pbkdf2-sha256";

    /** Hashes {@code password} with a fresh salt; takes a noticeable fraction of a second by design. */
    public static PasswordHash of(char[] password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PasswordHash(iterations, salt, derive(password, salt, iterations));
    }

    /** Whether {@code password} is the one hashed, compared in constant time. */
    public boolean matches(char[] password) {
        return MessageDigest.isEqual(hash, derive(password, salt, iterations));
    }

    public String encode() {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + " " + iterations + " " + b64.encodeToString(salt) + " " + b64.encodeToString(hash);
    }

    /** @throws IllegalArgumentException if {@code text} is not what {@link #encode} writes */
    public static PasswordHash decode(String text) {
        String[] parts = text.strip().split(" ");
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            throw new IllegalArgumentException("not a " + PREFIX + " hash");
        }
        Base64.Decoder b64 = Base64.getDecoder();
        return new PasswordHash(Integer.parseInt(parts[1]), b64.decode(parts[2]), b64.decode(parts[3]));
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java", e);
        } finally {
            spec.clearPassword();
        }
    }
}
