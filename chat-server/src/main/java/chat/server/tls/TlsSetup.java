package chat.server.tls;

import chat.common.files.UserDirs;
import chat.server.config.PasswordFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * What the TLS options chose: the certificate in use at start (for the log) and where each new
 * connection's TLS context comes from. One source: the operator's PEM files or PKCS12 keystore (read again
 * when they change), or else the self-signed certificate in the data directory.
 */
public record TlsSetup(ServerCertificate certificate, Supplier<SSLContext> contexts) {
    /** How often the operator's files are looked at for a renewal. */
    static final long CHECK_MILLIS = 5000;

    /**
     * @param host what the server listens on (a wildcard or loopback names this machine in a self-signed certificate)
     * @throws IllegalArgumentException when the options name no single source
     * @throws IOException when the chosen files cannot be used; the message names the file
     */
    public static TlsSetup from(Path certFile, Path keyFile, Path keystore, Path keystorePasswordFile, Path dataDir, String host)
            throws IOException {
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together: give both files, or neither for a self-signed certificate");
        }
        if (keystore != null && certFile != null) {
            throw new IllegalArgumentException("--tls-keystore or --tls-cert/--tls-key: one source of the certificate, not both");
        }
        if (keystore != null) {
            char[] password = keystorePassword(keystorePasswordFile);
            return watched(new CertificateFiles(List.of(keystore), () -> ServerCertificate.fromPkcs12(keystore, password), CHECK_MILLIS));
        }
        if (certFile != null) {
            return watched(new CertificateFiles(certFile, keyFile, CHECK_MILLIS));
        }
        boolean anyOrLocal = host.equals("0.0.0.0") || host.equals("::") || host.equals("127.0.0.1") || host.equals("::1");
        ServerCertificate selfSigned = ServerCertificate.selfSigned(dataDir, anyOrLocal ? ServerCertificate.defaultHostName() : host);
        SSLContext context = selfSigned.sslContext();
        return new TlsSetup(selfSigned, () -> context);
    }

    /** The operator's files, watched for as long as the process runs. */
    private static TlsSetup watched(CertificateFiles files) {
        return new TlsSetup(files.certificate(), files);
    }

    /** The password of a keystore: the first line of {@code file}, or none (empty) without a file. */
    static char[] keystorePassword(Path file) throws IOException {
        if (file == null) {
            return new char[0];
        }
        return PasswordFile.read(file).toCharArray();
    }

    /** The server's data directory by default: {@code $XDG_DATA_HOME/chat-server} or {@code ~/.local/share/chat-server}. */
    public static Path defaultDataDir(Map<String, String> env, String home) {
        return UserDirs.DATA.in(env, home).resolve("chat-server");
    }
}
