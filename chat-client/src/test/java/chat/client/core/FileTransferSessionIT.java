package chat.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.client.transfer.TransferView;
import chat.common.protocol.EventCodec;
import chat.common.protocol.ServerEvent;
import chat.common.protocol.Sha256;
import chat.server.ChatServer;
import chat.server.Opened;
import chat.server.RedisProcess;
import chat.server.TestLineClient;
import chat.server.TlsTestServer;
import chat.server.config.ServerConfig;
import chat.server.tls.ServerCertificate;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * File transfer through the client core against a real server: {@code /send}, {@code /accept},
 * {@code /decline}, {@code /cancel} as a person types them, files landing in the download directory
 * byte for byte (in plain text and in TLS), and what a hostile sender cannot do to a receiver.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FileTransferSessionIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
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

    private ChatServer server(ServerConfig.Builder builder) throws IOException {
        return track(ChatServer.start(builder.port(0).rateLimit(0, 1).build()));
    }

    private ChatSession session(int port, String name, Recorder recorder, TlsTrust tls) throws IOException {
        ChatSession session = track(new ChatSession("127.0.0.1", port, recorder, false, tls));
        session.downloadTo(dir.resolve("downloads-" + name));
        session.connect();
        assertThat(session.login(name)).isInstanceOf(ServerEvent.Welcome.class);
        return session;
    }

    private Path file(String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        Path file = dir.resolve("outbox").resolve(name);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    private static TransferView awaitStage(Recorder recorder, TransferView.Stage stage) {
        await().atMost(WAIT).until(() -> recorder.newestTransfer() > 0
                && recorder.transfer(recorder.newestTransfer()).stage() == stage);
        return recorder.transfer(recorder.newestTransfer());
    }

    private static List<String> names(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** alice sends bob {@code file}; bob accepts with /accept alone; returns bob's final view. */
    private TransferView sendAndAccept(ChatSession alice, Recorder aliceHears, ChatSession bob,
            Recorder bobHears, Path file) throws Exception {
        alice.send("/send bob " + file);
        TransferView offer = awaitStage(bobHears, TransferView.Stage.OFFERED);
        assertThat(offer.peer()).isEqualTo("alice");
        assertThat(offer.size()).isEqualTo(Files.size(file));
        assertThat(awaitStage(aliceHears, TransferView.Stage.OFFERED).file()).isEqualTo(file);
        bob.send("/accept");
        await().atMost(WAIT).until(() -> bobHears.transfer(offer.id()).stage().isFinal());
        await().atMost(WAIT).until(() -> aliceHears.transfer(offer.id()).stage().isFinal());
        return bobHears.transfer(offer.id());
    }

    @Test
    void aFileSentWithSendArrivesWholeInTheDownloadDirectory() throws Exception {
        ChatServer server = server(ServerConfig.builder());
        Recorder aliceHears = new Recorder();
        Recorder bobHears = new Recorder();
        ChatSession alice = session(server.port(), "alice", aliceHears, null);
        ChatSession bob = session(server.port(), "bob", bobHears, null);
        Path file = file("holiday photos.zip", 5_000_000);
        TransferView done = sendAndAccept(alice, aliceHears, bob, bobHears, file);
        assertThat(done.stage()).isEqualTo(TransferView.Stage.DONE);
        Path saved = dir.resolve("downloads-bob").resolve("holiday photos.zip");
        assertThat(done.file()).isEqualTo(saved);
        assertThat(Files.readAllBytes(saved)).isEqualTo(Files.readAllBytes(file));
        assertThat(names(dir.resolve("downloads-bob"))).containsExactly("holiday photos.zip"); // no .part left
        assertThat(aliceHears.transfer(done.id()).stage()).isEqualTo(TransferView.Stage.DONE);
        assertThat(bobHears.transfers).extracting(TransferView::stage)
                .containsSubsequence(TransferView.Stage.OFFERED, TransferView.Stage.RUNNING, TransferView.Stage.DONE);

        // the same name again: a second file beside the first, which is not overwritten
        TransferView again = sendAndAccept(alice, aliceHears, bob, bobHears, file);
        assertThat(again.file()).isEqualTo(dir.resolve("downloads-bob").resolve("holiday photos (1).zip"));
        assertThat(names(dir.resolve("downloads-bob"))).containsExactly("holiday photos (1).zip", "holiday photos.zip");
        assertThat(server.activeTransfers()).isZero();

        bob.send("/transfers"); // a heading, then one indented line each, oldest first
        await().atMost(WAIT).until(() -> bobHears.events.contains(new ServerEvent.Info("File transfers (2), oldest first:")));
        List<String> listed = bobHears.events.stream().filter(e -> e instanceof ServerEvent.Info i && i.text().startsWith("  #"))
                .map(e -> ((ServerEvent.Info) e).text()).toList();
        assertThat(listed).hasSize(2);
        assertThat(listed.get(0)).startsWith("  #" + done.id() + " holiday photos.zip");
    }

    @Test
    void aFileForSomeoneOnAnotherNodeIsRefusedInPlainWords() throws Exception {
        RedisProcess redis = track(RedisProcess.start()); // closed last: the nodes leave it first
        ServerConfig.Builder node = ServerConfig.builder().port(0).transferPort(0).rateLimit(0, 1)
                .cluster(redis.uri(), Duration.ofSeconds(3));
        ChatServer here = track(ChatServer.start(node.build()));
        ChatServer there = track(ChatServer.start(node.build()));
        Recorder aliceHears = new Recorder();
        ChatSession alice = session(here.port(), "alice", aliceHears, null);
        session(there.port(), "bob", new Recorder(), null);
        await().atMost(WAIT).until(() -> alice.members().names().contains("bob"));
        alice.send("/send bob " + file("small.bin", 1000));
        await().atMost(WAIT).until(() -> aliceHears.events.contains(new ServerEvent.Info("small.bin was not sent: files go only"
                + " between people on the same server, and bob is connected to another server of this chat.")));
        assertThat(aliceHears.events).noneMatch(e -> e instanceof ServerEvent.Error); // not the command's limit, in its words
    }

    @Test
    void severalFilesMoveAtOnce() throws Exception {
        ChatServer server = server(ServerConfig.builder().transferRate(2 << 20)); // slow enough to overlap
        Recorder aliceHears = new Recorder();
        Recorder bobHears = new Recorder();
        ChatSession alice = session(server.port(), "alice", aliceHears, null);
        ChatSession bob = session(server.port(), "bob", bobHears, null);
        Path one = file("one.bin", 3_000_000);
        Path two = file("two.bin", 3_000_000);
        alice.send("/send bob " + one);
        alice.send("/send bob " + two);
        // one waiting offer per sender and recipient: the second is offered once bob has answered the first
        await().atMost(WAIT).until(() -> bobHears.transfers.stream().anyMatch(v -> v.id() == 1 && v.stage() == TransferView.Stage.OFFERED));
        bob.send("/accept 1");
        await().atMost(WAIT).until(() -> bobHears.transfers.stream().anyMatch(v -> v.id() == 2 && v.stage() == TransferView.Stage.OFFERED));
        bob.send("/accept 2");
        await().atMost(WAIT).until(() -> bobHears.transfer(1).stage() == TransferView.Stage.RUNNING
                && bobHears.transfer(2).stage() == TransferView.Stage.RUNNING);
        await().atMost(WAIT).until(() -> bobHears.transfer(1).stage() == TransferView.Stage.DONE
                && bobHears.transfer(2).stage() == TransferView.Stage.DONE);
        for (long id : new long[] {1, 2}) { // hashed side by side, the two may have been offered in either order
            TransferView done = bobHears.transfer(id);
            assertThat(Files.readAllBytes(done.file())).isEqualTo(Files.readAllBytes(done.fileName().equals("one.bin") ? one : two));
        }
        assertThat(bobHears.transfer(1).fileName()).isNotEqualTo(bobHears.transfer(2).fileName());
    }

    @Test
    void overTlsTheDataIsEncryptedToTheSameCertificate() throws Exception {
        TlsTestServer server = track(TlsTestServer.start(dir.resolve("server"), ServerConfig.builder().rateLimit(0, 1)));
        ServerCertificate certificate = server.certificate();
        KnownServers known = new KnownServers(dir.resolve("known_servers"));
        TlsTrust trust = new TlsTrust(known, certificate.fingerprint(), (s, f) -> false, null);
        Recorder aliceHears = new Recorder();
        Recorder bobHears = new Recorder();
        ChatSession alice = session(server.port(), "alice", aliceHears, trust);
        ChatSession bob = session(server.port(), "bob", bobHears, trust);
        Path file = file("secret.pdf", 3_000_000);
        TransferView done = sendAndAccept(alice, aliceHears, bob, bobHears, file);
        assertThat(done.stage()).as(done.detail()).isEqualTo(TransferView.Stage.DONE);
        assertThat(Files.readAllBytes(done.file())).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void declineAndCancelEndTheTransferForBothAndLeaveNothingBehind() throws Exception {
        ChatServer server = server(ServerConfig.builder().transferRate(1 << 20));
        Recorder aliceHears = new Recorder();
        Recorder bobHears = new Recorder();
        ChatSession alice = session(server.port(), "alice", aliceHears, null);
        ChatSession bob = session(server.port(), "bob", bobHears, null);
        Path file = file("big.bin", 30_000_000);

        alice.send("/send bob " + file);
        TransferView first = awaitStage(bobHears, TransferView.Stage.OFFERED);
        long id = first.id();
        bob.send("/accept " + id);
        await().atMost(WAIT).until(() -> bobHears.transfer(id).moved() > 0); // running, at 1 MiB/s
        bob.send("/cancel " + id);
        await().atMost(WAIT).until(() -> aliceHears.transfer(id).stage() == TransferView.Stage.ENDED);
        await().atMost(WAIT).until(() -> bobHears.transfer(id).stage() == TransferView.Stage.ENDED);
        assertThat(aliceHears.transfer(id).detail()).isEqualTo("cancelled by bob");
        await().atMost(WAIT).until(() -> names(dir.resolve("downloads-bob")).isEmpty()); // the partial file is gone
        assertThat(server.activeTransfers()).isZero();

        alice.send("/send bob " + file);
        await().atMost(WAIT).until(() -> bobHears.newestTransfer() > id);
        long offer = bobHears.newestTransfer();
        bob.send("/decline");
        await().atMost(WAIT).until(() -> aliceHears.transfer(offer).stage() == TransferView.Stage.ENDED);
        assertThat(aliceHears.transfer(offer).detail()).isEqualTo("bob declined big.bin");
        assertThat(server.activeTransfers()).isZero();
        // each side heard why from the server, and neither sent a /cancel of its own after it had ended
        alice.send("/list");
        bob.send("/list");
        await().atMost(WAIT).until(() -> aliceHears.events.stream().filter(e -> e instanceof ServerEvent.Users).count() == 2
                && bobHears.events.stream().filter(e -> e instanceof ServerEvent.Users).count() == 2); // the one at login, and this
        assertThat(aliceHears.events).noneMatch(e -> e instanceof ServerEvent.Error);
        assertThat(bobHears.events).noneMatch(e -> e instanceof ServerEvent.Error);
    }

    /**
     * The server takes one waiting offer per sender and recipient, and after a decline none for a minute: the
     * client offers files to one person one at a time, and drops what waited for someone who declined.
     */
    @Test
    void filesWaitingForSomeoneWhoDeclinesAreNotOfferedAndTheServerWouldRefuseThemForAMinute() throws Exception {
        ChatServer server = server(ServerConfig.builder());
        Recorder aliceHears = new Recorder();
        Recorder bobHears = new Recorder();
        ChatSession alice = session(server.port(), "alice", aliceHears, null);
        ChatSession bob = session(server.port(), "bob", bobHears, null);
        alice.send("/send bob " + file("one.txt", 10));
        TransferView first = awaitStage(bobHears, TransferView.Stage.OFFERED);
        alice.send("/send bob " + file("two.txt", 10));
        alice.send("/send bob " + file("three.txt", 10));
        await().atMost(WAIT).until(() -> aliceHears.events.stream().filter(e -> e instanceof ServerEvent.Info i
                && i.text().endsWith("to bob once they have answered your offer before it")).count() == 2);
        bob.send("/decline " + first.id());
        await().atMost(WAIT).until(() -> aliceHears.events.contains(new ServerEvent.Info(
                "bob declined your offer, so the 2 files waiting to be offered to them were not offered")));
        assertThat(bobHears.transfers).allMatch(v -> v.fileName().equals("one.txt"));

        alice.send("/send bob " + file("four.txt", 10));
        await().atMost(WAIT).until(() -> aliceHears.events.stream().anyMatch(e -> e instanceof ServerEvent.Error error
                && error.text().matches("bob declined your last offer; you may offer again in (59|60) s")));
        alice.send("/send carol " + file("five.txt", 10)); // the refusal was noted: nothing waits for bob any more
        await().atMost(WAIT).until(() -> aliceHears.events.stream().anyMatch(e -> e instanceof ServerEvent.Error error
                && error.text().startsWith("carol is not online")));
        assertThat(bobHears.transfers).allMatch(v -> v.fileName().equals("one.txt"));
    }

    /** mallory speaks the protocol by hand: offers {@code name} with {@code sha256}, and sends {@code bytes} once accepted. */
    private void malloryOffers(ChatServer server, TestLineClient mallory, String name, String sha256, byte[] bytes,
            ChatSession bob, Recorder bobHears) throws Exception {
        long before = bobHears.newestTransfer();
        mallory.send("/offer bob " + bytes.length + " " + sha256 + " " + name);
        await().atMost(WAIT).until(() -> bobHears.newestTransfer() > before);
        long id = bobHears.newestTransfer();
        bob.send("/accept " + id);
        String[] data = mallory.awaitLine("DATA " + id + " ").split(" ");
        try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(data[2]))) {
            OutputStream out = socket.getOutputStream();
            out.write(("FILE " + data[3] + "\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(socket.getInputStream().readNBytes(3), StandardCharsets.US_ASCII)).isEqualTo("OK\n");
            out.write(bytes);
            out.flush();
            await().atMost(WAIT).until(() -> bobHears.transfer(id).stage().isFinal());
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        MessageDigest digest = Sha256.digest();
        digest.update(bytes);
        return Sha256.hex(digest);
    }

    @Test
    void hostileNamesLandInsideTheDownloadDirectoryAndABadHashKeepsNothing() throws Exception {
        ChatServer server = server(ServerConfig.builder());
        TestLineClient mallory = track(TestLineClient.login(server.port(), "mallory"));
        Recorder bobHears = new Recorder();
        ChatSession bob = session(server.port(), "bob", bobHears, null);
        Path downloads = dir.resolve("downloads-bob");
        byte[] bytes = "echo owned\n".getBytes(StandardCharsets.UTF_8);
        for (String name : List.of("../../.bashrc", "/etc/passwd", "..\\..\\win.ini", "CON.txt", "a\u0007b\u202Ec.txt", "...")) {
            malloryOffers(server, mallory, name, sha256(bytes), bytes, bob, bobHears);
            TransferView view = bobHears.transfer(bobHears.newestTransfer());
            assertThat(view.stage()).as(name + ": " + view.detail()).isEqualTo(TransferView.Stage.DONE);
            assertThat(view.file().getParent()).isEqualTo(downloads);
            assertThat(Files.readAllBytes(view.file())).isEqualTo(bytes);
        }
        assertThat(names(downloads)).containsExactly("_CON.txt", "abc.txt", "bashrc", "file", "passwd", "win.ini");
        assertThat(Files.exists(dir.resolve(".bashrc"))).isFalse();

        malloryOffers(server, mallory, "invoice.pdf", sha256("the real invoice".getBytes(StandardCharsets.UTF_8)),
                "a different file!".getBytes(StandardCharsets.UTF_8), bob, bobHears);
        TransferView bad = bobHears.transfer(bobHears.newestTransfer());
        assertThat(bad.stage()).isEqualTo(TransferView.Stage.ENDED);
        assertThat(bad.detail()).isEqualTo("its SHA-256 does not match the offer's; discarded");
        assertThat(names(downloads)).doesNotContain("invoice.pdf", "invoice.pdf.part");
    }

    @Test
    void filesThatCannotBeSentAreSaidPlainly() throws Exception {
        ChatServer server = server(ServerConfig.builder().maxFileSize(100));
        Recorder aliceHears = new Recorder();
        ChatSession alice = session(server.port(), "alice", aliceHears, null);
        session(server.port(), "bob", new Recorder(), null);
        alice.send("/send bob " + dir.resolve("missing.txt"));
        alice.send("/send bob " + dir);
        alice.send("/send bob");
        alice.send("/send alice " + file("mine.txt", 1));
        alice.send("/send bob " + file("big.bin", 101));
        alice.send("/accept");
        await().atMost(WAIT).until(() -> aliceHears.events.stream().anyMatch(e -> e instanceof ServerEvent.Error));
        assertThat(aliceHears.events).extracting(EventCodec::encode).contains(
                "INFO cannot send " + dir.resolve("missing.txt") + ": no such file",
                "INFO cannot send " + dir + ": not a regular file",
                "INFO usage: /send NAME PATH",
                "INFO no file is offered to you",
                "INFO a file to yourself stays where it is: /send NAME PATH sends it to someone else",
                "ERROR FILE_TOO_LARGE big.bin is 101 bytes; this server relays files of at most 100 bytes");
    }
}
