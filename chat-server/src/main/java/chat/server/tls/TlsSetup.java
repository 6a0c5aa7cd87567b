package chat.server.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Which certificate a TLS server uses, from its options, and where its data directory is. */
public final class TlsSetup {
    private TlsSetup() {}

    /**
     * The operator's certificate when both files are given, else the self-signed one in {@code dataDir}.
     *
     * @param host what the server listens on (a wildcard or loopback names this machine instead)
     * @throws IllegalArgumentException when only one of the two files is given
     */
    public static ServerCertificate certificate(Path certFile, Path keyFile, Path dataDir, String host) throws IOException {
        checkPair(certFile, keyFile);
        if (certFile != null) {
            return ServerCertificate.fromPem(certFile, keyFile);
        }
        boolean anyOrLocal = host.equals("0.0.0.0") || host.equals("::") || host.equals("127.0.0.1") || host.equals("::1");
        return ServerCertificate.selfSigned(dataDir, anyOrLocal ? ServerCertificate.defaultHostName() : host);
    }

    /** @throws IllegalArgumentException when only one of the two files is given */
    public static void checkPair(Path certFile, Path keyFile) {
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together: give both files, or neither for a self-signed certificate");
        }
    }

    /** The password of a keystore: the first line of {@code file}, or none (empty) without a file. */
    public static char[] keystorePassword(Path file) throws IOException {
        if (file == null) {
            return new char[0];
        }
        java.util.List<String> lines = java.nio.file.Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
        return lines.isEmpty() ? new char[0] : lines.get(0).toCharArray();
    }

    /** The server's data directory by default: {@code $XDG_DATA_HOME/chat-server} or {@code ~/.local/share/chat-server}. */
    public static Path defaultDataDir(Map<String, String> env, String home) {
        String data = env.get("XDG_DATA_HOME");
        Path base = data != null && !data.isBlank() ? Path.of(data) : Path.of(home, ".local", "share");
        return base.resolve("chat-server");
    }
}
