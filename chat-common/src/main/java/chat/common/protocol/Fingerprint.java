package chat.common.protocol;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.util.Base64;

/**
 * How a server's certificate is named to people (docs/PROTOCOL.md, "TLS"): {@code SHA256:} and the
 * base64 of the SHA-256 digest of its DER encoding, without padding, as SSH writes key fingerprints. The
 * server logs it; the client remembers, pins and compares it.
 */
public final class Fingerprint {
    private Fingerprint() {}

    public static String of(Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java", e);
        }
    }
}
