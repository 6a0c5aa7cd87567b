package chat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.common.protocol.Fingerprint;
import chat.server.config.ServerConfig;
import chat.server.tls.CertificateFiles;
import chat.server.tls.ServerCertificate;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server on a TLS port, against real TLS peers: {@code openssl s_client} (the OpenSSL command line,
 * as a person would use it) and Java's own TLS client trusting exactly the server's certificate.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TlsIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private final Opened opened = new Opened();

    @AfterEach
    void closeAll() throws Exception {
        opened.close();
    }

    private <T extends AutoCloseable> T track(T closeable) {
        return opened.track(closeable);
    }

    private ChatServer tlsServer(ServerCertificate certificate, ServerConfig.Builder builder) throws IOException {
        return track(ChatServer.start(builder.tls(certificate.sslContext()).build()));
    }

    private static JarProcess openssl(int port, String... more) throws IOException {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-quiet", "-connect", "127.0.0.1:" + port));
        command.addAll(List.of(more));
        return JarProcess.command(command.toArray(new String[0]));
    }

    private static void type(JarProcess p, String line) throws IOException {
        OutputStream keys = p.stdin();
        keys.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    @Interop({"openssl"})
    @Test
    void opensslLogsInAndChatsWithAJavaTlsClient() throws Exception {
        ServerCertificate certificate = ServerCertificate.selfSigned(dir, "localhost");
        ChatServer server = tlsServer(certificate, ChatServerIT.base());
        TestLineClient bob = track(TestLineClient.login(TestLineClient.connectTls(server.port(), certificate.certificate()), "bob"));
        try (JarProcess alice = openssl(server.port())) {
            alice.awaitLine("^HELLO 1 ", WAIT);
            alice.awaitLine("^LIMITS ", WAIT);
            type(alice, "alice");
            alice.awaitLine("^WELCOME alice ", WAIT);
            assertThat(bob.awaitLine("JOIN ")).startsWith("JOIN alice ");
            type(alice, "hello over TLS");
            assertThat(bob.awaitLine("MSG ")).isEqualTo("MSG alice hello over TLS");
            bob.send("/msg alice psst, encrypted");
            alice.awaitLine("^PRIVATE bob alice psst, encrypted$", WAIT);
            type(alice, "quit");
            alice.awaitLine("^BYE ", WAIT);
            assertThat(bob.awaitLine("LEAVE ")).isEqualTo("LEAVE alice quit");
        }
    }

    @Interop({"ncat"})
    @Test
    void ncatWithSslLogsInAndChats() throws Exception {
        ServerCertificate certificate = ServerCertificate.selfSigned(dir, "localhost");
        ChatServer server = tlsServer(certificate, ChatServerIT.base());
        TestLineClient bob = track(TestLineClient.login(TestLineClient.connectTls(server.port(), certificate.certificate()), "bob"));
        Path trusted = dir.resolve("trusted.pem");
        Files.writeString(trusted, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.certificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        try (JarProcess carol = JarProcess.command("ncat", "--ssl", "--ssl-verify", "--ssl-trustfile", trusted.toString(),
                "--ssl-servername", "localhost", "127.0.0.1", Integer.toString(server.port()))) {
            carol.awaitLine("^HELLO 1 ", WAIT);
            type(carol, "carol");
            carol.awaitLine("^WELCOME carol ", WAIT);
            type(carol, "hello from ncat");
            assertThat(bob.awaitLine("MSG ")).isEqualTo("MSG carol hello from ncat");
            type(carol, "quit");
            carol.awaitLine("^BYE ", WAIT);
        }
    }

    @Test
    void aPlainPortNextToTheTlsOneServesTheSameChat() throws Exception {
        ServerCertificate certificate = ServerCertificate.selfSigned(dir, "localhost");
        ChatServer server = tlsServer(certificate, ChatServerIT.base().plainPort(0));
        assertThat(server.plainPort()).isPositive().isNotEqualTo(server.port());
        TestLineClient bob = track(TestLineClient.login(TestLineClient.connectTls(server.port(), certificate.certificate()), "bob"));
        TestLineClient carol = track(TestLineClient.login(server.plainPort(), "carol")); // plain text, as nc
        carol.send("hi from the LAN");
        assertThat(bob.awaitLine("MSG ")).isEqualTo("MSG carol hi from the LAN");
        bob.send("hi from afar");
        assertThat(carol.awaitLine("MSG bob")).isEqualTo("MSG bob hi from afar");
        int plain = server.plainPort();
        server.close();
        assertThat(carol.readToEnd()).last().isEqualTo("BYE server shutting down");
        assertThatThrownBy(() -> new Socket("127.0.0.1", plain).close()).isInstanceOf(ConnectException.class);
    }

    @Interop({"openssl"})
    @Test
    void onlyTls13IsSpoken() throws Exception {
        ServerCertificate certificate = ServerCertificate.selfSigned(dir, "localhost");
        ChatServer server = tlsServer(certificate, ChatServerIT.base());
        try (JarProcess old = openssl(server.port(), "-tls1_2")) {
            assertThat(old.awaitExit(WAIT)).isNotZero();
            assertThat(old.output()).noneMatch(l -> l.startsWith("HELLO "));
        }
        try (JarProcess modern = openssl(server.port(), "-tls1_3")) {
            modern.awaitLine("^HELLO 1 ", WAIT);
        }
    }

    @Test
    void aPlainTextClientIsToldInOneReadableLine() throws Exception {
        ChatServer server = tlsServer(ServerCertificate.selfSigned(dir, "localhost"), ChatServerIT.base());
        TestLineClient nc = track(TestLineClient.connectRaw(server.port())); // says nothing, as nc waits for a greeting
        assertThat(nc.readLine()).startsWith("ERROR TLS_REQUIRED this server speaks TLS only");
        assertThat(nc.readLine()).isEqualTo("BYE TLS required");
        assertThat(nc.readLine()).isNull();

        TestLineClient typing = track(TestLineClient.connectRaw(server.port()));
        typing.send("alice"); // one who types a name at once is told too
        assertThat(typing.readLine()).startsWith("ERROR TLS_REQUIRED ");
    }

    @Test
    void aClientStalledInTheHandshakeHoldsUpNobodyAndIsClosedByTheLoginTimeout() throws Exception {
        ServerCertificate certificate = ServerCertificate.selfSigned(dir, "localhost");
        ChatServer server = tlsServer(certificate, ChatServerIT.base().loginTimeout(Duration.ofSeconds(2)));
        Socket stalled = track(new Socket("127.0.0.1", server.port()));
        stalled.getOutputStream().write(new byte[] {0x16, 0x03, 0x01}); // a handshake record begins, and stops
        stalled.getOutputStream().flush();
        // meanwhile others connect and chat as usual
        TestLineClient bob = track(TestLineClient.login(TestLineClient.connectTls(server.port(), certificate.certificate()), "bob"));
        bob.send("still here");
        assertThat(bob.awaitLine("MSG ")).isEqualTo("MSG bob still here");
        stalled.setSoTimeout((int) WAIT.toMillis());
        assertThat(stalled.getInputStream().read()).as("the stalled connection is closed").isEqualTo(-1);
    }

    /**
     * A full TLS server refuses in TLS, so that the refusal can be read. 60 addresses keep connecting and
     * stalling their handshakes; each address gets one refusal under way at a time, given up 2 s after its
     * accept, so honest clients on another address read their refusal at once. Before, two threads served
     * refusals, 5 s each once begun: half the honest clients got a bare end of stream.
     */
    @Test
    void stalledHandshakesFromManyAddressesDoNotStarveAnHonestClientsRefusal() throws Exception {
        ServerCertificate certificate = ServerCertificate.selfSigned(dir, "localhost");
        ChatServer server = tlsServer(certificate, ChatServerIT.base().maxClients(1));
        track(TestLineClient.login(TestLineClient.connectTls(server.port(), certificate.certificate()), "alice")); // full now
        AtomicBoolean attacking = new AtomicBoolean(true);
        ExecutorService attackers = Executors.newFixedThreadPool(60);
        try {
            for (int a = 1; a <= 60; a++) {
                String from = "127.0.5." + a;
                attackers.submit(() -> {
                    for (int round = 0; round < 200 && attacking.get(); round++) { // connect, stall until closed, again
                        try (Socket stall = new Socket()) {
                            stall.bind(new InetSocketAddress(from, 0));
                            stall.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
                            stall.getOutputStream().write(new byte[] {0x16, 0x03, 0x01}); // a handshake begins, and stops
                            stall.setSoTimeout(10_000);
                            stall.getInputStream().read();
                        } catch (IOException e) {
                            // closed or reset: connect again
                        }
                    }
                    return null;
                });
            }
            List<Long> answeredAfter = new ArrayList<>();
            int readable = 0;
            for (int i = 0; i < 20; i++) {
                long start = System.nanoTime();
                try (TestLineClient honest = TestLineClient.connectTls(server.port(), certificate.certificate())) {
                    String line = honest.readLine();
                    if (line != null && line.startsWith("ERROR SERVER_FULL ")) {
                        readable++;
                    }
                } catch (IOException e) {
                    // a bare end of stream, or a reset: not readable
                }
                answeredAfter.add(System.nanoTime() - start);
            }
            answeredAfter.sort(null);
            System.out.printf("TLS refusals beside 60 stalling addresses: %d of 20 honest clients read theirs; p95 %.0f ms, max %.0f ms%n",
                    readable, answeredAfter.get(18) / 1e6, answeredAfter.get(19) / 1e6);
            assertThat(readable).isEqualTo(20);
            assertThat(answeredAfter.get(18)).as("p95, ns").isLessThan(TimeUnit.SECONDS.toNanos(2));
        } finally {
            attacking.set(false);
            attackers.shutdownNow();
        }
    }

    @Interop({"openssl"})
    @Test
    void theSelfSignedCertificateIsMadeOnceKeptPrivateAndLoggedByItsFingerprint() throws Exception {
        ServerCertificate first = ServerCertificate.selfSigned(dir, "chat.example");
        ServerCertificate again = ServerCertificate.selfSigned(dir, "chat.example");
        assertThat(again.fingerprint()).isEqualTo(first.fingerprint()).startsWith("SHA256:");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("tls/key.pem")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("tls")))).isEqualTo("rwx------");

        // openssl reads what we wrote, and computes the same fingerprint
        JarProcess x509 = JarProcess.command("openssl", "x509", "-in", dir.resolve("tls/cert.pem").toString(),
                "-noout", "-fingerprint", "-sha256", "-subject");
        assertThat(x509.awaitExit(WAIT)).isZero();
        String hex = x509.output().stream().filter(l -> l.contains("Fingerprint=")).findFirst().orElseThrow()
                .replaceAll(".*Fingerprint=", "").replace(":", "");
        assertThat("SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(HexFormat.of().parseHex(hex)))
                .isEqualTo(first.fingerprint());
        assertThat(x509.output()).anyMatch(l -> l.contains("CN") && l.contains("chat.example"));
        JarProcess key = JarProcess.command("openssl", "pkey", "-in", dir.resolve("tls/key.pem").toString(), "-noout");
        assertThat(key.awaitExit(WAIT)).isZero();
    }

    private JarProcess opensslCertificate(Path cert, Path key, String name) throws Exception {
        JarProcess req = JarProcess.command("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", key.toString(), "-out", cert.toString(), "-subj", "/CN=" + name, "-days", "2");
        assertThat(req.awaitExit(WAIT)).as(String.join("\n", req.output())).isZero();
        return req;
    }

    private static String fingerprintSeenBy(TestLineClient client) throws Exception {
        return Fingerprint.of(((SSLSocket) client.socket()).getSession().getPeerCertificates()[0]);
    }

    @Interop({"openssl"})
    @Test
    void aRenewedCertificateIsServedToNewConnectionsWithoutARestart() throws Exception {
        Path cert = dir.resolve("fullchain.pem");
        Path key = dir.resolve("privkey.pem");
        opensslCertificate(cert, key, "first.example");
        CertificateFiles files = track(new CertificateFiles(cert, key, 100));
        ServerCertificate first = files.certificate();
        ChatServer server = track(ChatServer.start(ChatServerIT.base().tls(files).build()));
        TestLineClient early = track(TestLineClient.login(TestLineClient.connectTls(server.port(), first.certificate()), "early"));

        // renewed as certbot does: new files written aside, then put in place
        Path renewedCert = dir.resolve("new-cert.pem");
        Path renewedKey = dir.resolve("new-key.pem");
        opensslCertificate(renewedCert, renewedKey, "second.example");
        Files.move(renewedKey, key, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(renewedCert, cert, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        ServerCertificate second = ServerCertificate.fromPem(cert, key);
        assertThat(second.fingerprint()).isNotEqualTo(first.fingerprint());
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> files.certificate().fingerprint().equals(second.fingerprint()));

        TestLineClient late = track(TestLineClient.login(TestLineClient.connectTls(server.port(), second.certificate()), "late"));
        assertThat(fingerprintSeenBy(late)).isEqualTo(second.fingerprint());
        early.send("still on the old one");
        assertThat(late.awaitLine("MSG ")).isEqualTo("MSG early still on the old one"); // the open connection goes on

        // a broken renewal keeps the good certificate in use
        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> files.problem() != null);
        TestLineClient after = track(TestLineClient.connectTls(server.port(), second.certificate()));
        assertThat(fingerprintSeenBy(after)).isEqualTo(second.fingerprint());
    }

    @Interop({"openssl"})
    @Test
    void aPkcs12KeystoreFromOpensslIsServed() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Path store = dir.resolve("server.p12");
        opensslCertificate(cert, key, "store.example");
        JarProcess export = JarProcess.command("openssl", "pkcs12", "-export", "-in", cert.toString(), "-inkey", key.toString(),
                "-out", store.toString(), "-passout", "pass:s3cret", "-name", "chat");
        assertThat(export.awaitExit(WAIT)).as(String.join("\n", export.output())).isZero();
        ServerCertificate certificate = ServerCertificate.fromPkcs12(store, "s3cret".toCharArray());
        assertThat(certificate.fingerprint()).isEqualTo(ServerCertificate.fromPem(cert, key).fingerprint());
        ChatServer server = tlsServer(certificate, ChatServerIT.base());
        TestLineClient bob = track(TestLineClient.connectTls(server.port(), certificate.certificate()));
        assertThat(bob.awaitLine("HELLO ")).startsWith("HELLO 1 ");
        assertThatThrownBy(() -> ServerCertificate.fromPkcs12(store, "wrong".toCharArray()))
                .hasMessage(store + ": wrong keystore password");
    }

    @Interop({"openssl"})
    @Test
    void anOperatorsPemFilesFromOpensslAreServed() throws Exception {
        Path cert = dir.resolve("fullchain.pem");
        Path key = dir.resolve("privkey.pem");
        JarProcess req = JarProcess.command("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(),
                "-out", cert.toString(), "-subj", "/CN=localhost", "-days", "2");
        assertThat(req.awaitExit(WAIT)).as(String.join("\n", req.output())).isZero();
        ServerCertificate certificate = ServerCertificate.fromPem(cert, key);
        ChatServer server = tlsServer(certificate, ChatServerIT.base());
        TestLineClient bob = track(TestLineClient.connectTls(server.port(), certificate.certificate()));
        assertThat(bob.awaitLine("HELLO ")).startsWith("HELLO 1 ");
        assertThat(fingerprintSeenBy(bob)).isEqualTo(certificate.fingerprint());

        assertThatThrownBy(() -> ServerCertificate.fromPem(key, key)).hasMessageContaining("holds no certificate");
        assertThatThrownBy(() -> ServerCertificate.fromPem(cert, cert)).hasMessageContaining("holds no private key");
    }
}
