package chat.common.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A TLS 1.3 client context that trusts exactly one certificate: the one a server was trusted with already. */
public final class PinnedTrust {
    private PinnedTrust() {}

    /** @throws IOException if this Java has no TLS 1.3 or PKCS12 (it always has) */
    public static SSLContext context(X509Certificate trusted) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("server", trusted);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS is not available in this Java: " + e.getMessage(), e);
        }
    }
}
