package chat.client.core;

import chat.common.net.HostPort;
import chat.common.protocol.Fingerprint;
import chat.common.tls.TlsRehearsal;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Whether to believe a TLS server is the one meant, in this order: a certificate from a certificate
 * authority the system trusts, for the host name connected to; else a fingerprint pinned with
 * {@code --fingerprint}; else trust on first use, as SSH does: the fingerprint remembered in
 * {@link KnownServers} must match, and a server seen for the first time is trusted only if the person says
 * so. A changed certificate is refused, loudly, saying what changed and how to accept it on purpose.
 */
public final class TlsTrust {
    /** Asks the person whether to trust a certificate seen for the first time. */
    public interface FirstUse {
        /** @return true to trust {@code fingerprint} for {@code server} from now on */
        boolean trust(String server, String fingerprint);
    }

    private final KnownServers known;
    private final String pinned;
    private final FirstUse ask;
    private final KeyStore authorities;
    private X509ExtendedTrustManager authoritiesManager; // guarded by this; made on first use

    /**
     * @param pinned the only fingerprint to accept (for scripts), or null
     * @param authorities the certificate authorities to trust, or null for the system's
     */
    public TlsTrust(KnownServers known, String pinned, FirstUse ask, KeyStore authorities) {
        this.known = known;
        this.pinned = pinned;
        this.ask = ask;
        this.authorities = authorities;
    }

    /**
     * TLS for one connection to {@code host:port}, set up before connecting ({@link TlsRehearsal}: a server takes a
     * connection silent for 3 s for a plain-text one).
     */
    Handshake prepare(String host, int port) throws IOException {
        Decider decider = new Decider(HostPort.format(host, port));
        try {
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(null, new TrustManager[] {decider}, null);
            TlsRehearsal.rehearse(context, host, port);
            return new Handshake(context, decider, host, port);
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS is not available in this Java: " + e.getMessage(), e);
        }
    }

    /** A handshake set up by {@link #prepare}, to run once connected. */
    static final class Handshake {
        private final SSLContext context;
        private final Decider decider;
        private final String host;
        private final int port;

        private Handshake(SSLContext context, Decider decider, String host, int port) {
            this.context = context;
            this.decider = decider;
            this.host = host;
            this.port = port;
        }

        /**
         * Runs the TLS handshake over {@code plain} and decides about the server's certificate.
         *
         * @return the TLS socket, and in words how the server was trusted
         * @throws IOException with a sentence for a person when the server is not trusted or speaks no TLS
         */
        Secured over(Socket plain) throws IOException {
            try {
                SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
                socket.setEnabledProtocols(new String[] {"TLSv1.3"});
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the authorities' check includes the host name
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                return new Secured(socket, "TLS 1.3, " + decider.how);
            } catch (SSLException e) {
                if (decider.refusal != null) {
                    throw new Untrusted(decider.refusal, e);
                }
                String m = String.valueOf(e.getMessage());
                if (m.contains("plaintext") || m.contains("Unsupported or unrecognized SSL message")) {
                    throw new IOException("The server at " + decider.server + " does not speak TLS; connect without --tls", e);
                }
                throw new IOException("TLS with " + decider.server + " failed: " + m, e);
            }
        }
    }

    /**
     * The server's certificate was refused (changed, not the pinned one, not trusted by the person): not a
     * passing fault, so a reconnecting session stops at it.
     */
    public static final class Untrusted extends IOException {
        private static final long serialVersionUID = 1L;

        Untrusted(String why, Throwable cause) {
            super(why, cause);
        }
    }

    /** The check by certificate authorities, made once (reading the system's store takes a while). */
    private synchronized X509ExtendedTrustManager authoritiesManager() throws CertificateException {
        if (authoritiesManager == null) {
            try {
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(authorities);
                for (TrustManager manager : factory.getTrustManagers()) {
                    if (manager instanceof X509ExtendedTrustManager x) {
                        authoritiesManager = x;
                    }
                }
            } catch (GeneralSecurityException e) {
                throw new CertificateException(e);
            }
            if (authoritiesManager == null) {
                throw new CertificateException("no X.509 trust manager");
            }
        }
        return authoritiesManager;
    }

    /** A TLS socket and how its server was trusted, e.g. "TLS 1.3, certificate verified by a certificate authority". */
    record Secured(SSLSocket socket, String how) {}

    /** Decides during one handshake; remembers how, or why not. */
    private final class Decider extends X509ExtendedTrustManager {
        private final String server;
        private volatile String how = "";
        private volatile String refusal;

        Decider(String server) {
            this.server = server;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            try {
                authoritiesManager().checkServerTrusted(chain, authType, socket); // with the host name: see secure()
                how = "certificate verified by a certificate authority";
            } catch (CertificateException notByAnAuthority) {
                byTheFingerprint(chain[0]);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("only sockets are used");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("only sockets are used");
        }

        private void byTheFingerprint(X509Certificate certificate) throws CertificateException {
            String seen = Fingerprint.of(certificate);
            if (pinned != null) {
                if (pinned.equals(seen)) {
                    how = "certificate " + seen + " (pinned)";
                    return;
                }
                refuse("The certificate of " + server + " is " + seen + ", not the one given with --fingerprint ("
                        + pinned + "). Not connected.");
            }
            String remembered;
            try {
                remembered = known.fingerprint(server);
            } catch (IOException e) {
                refuse("Cannot read " + known.path() + ": " + e.getMessage());
                return;
            }
            if (seen.equals(remembered)) {
                how = "certificate " + seen + " (trusted since first use)";
            } else if (remembered != null) {
                refuse("WARNING: the certificate of " + server + " has CHANGED: it was " + remembered + ", now it is " + seen
                        + ". Someone may be listening in, or the server got a new certificate. Not connected. If its operator"
                        + " confirms the new one, delete the line for " + server + " in " + known.path()
                        + " (you are then asked again), or connect with --fingerprint " + seen + ".");
            } else if (ask.trust(server, seen)) {
                try {
                    known.remember(server, seen);
                } catch (IOException e) {
                    refuse("Cannot remember the certificate in " + known.path() + ": " + e.getMessage());
                }
                how = "certificate " + seen + " (trusted now, on first use)";
            } else {
                refuse("Not connected: you did not trust the certificate of " + server + ".");
            }
        }

        private void refuse(String why) throws CertificateException {
            refusal = why;
            throw new CertificateException(why);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("a client does not check clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("a client does not check clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a client does not check clients");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
