package chat.client.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.client.core.ChatSession;
import chat.client.core.Recorder;
import chat.client.core.ServerAddress;
import chat.server.ChatServer;
import chat.server.TestLineClient;
import chat.server.config.ServerConfig;
import com.github.caciocavallosilano.cacio.ctc.junit.CacioExtension;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import javax.swing.JButton;
import javax.swing.JProgressBar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Draws the window in the middle of a conversation (rooms, a private line waiting, the room's members, a file on its way) into
 * {@code target/window.png}, the picture in the README ({@code docs/images/make-screenshots.sh} makes it
 * again). Also a test: the picture is not blank.
 */
@ExtendWith(CacioExtension.class) // a virtual screen: no X server needed
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WindowScreenshotIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void drawsTheWindowInAConversation() throws Exception {
        try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).rateLimit(0, 1).maxPerIp(0)
                        .connectThrottle(0, Duration.ofSeconds(1)).transferRate(100_000).build());
                TestLineClient carol = TestLineClient.login(server.port(), "carol");
                ChatSession alice = new ChatSession("127.0.0.1", server.port(), new Recorder(), false)) {
            alice.connect();
            alice.login("alice");
            WindowFace face = new WindowFace(dir.resolve("window.properties"));
            face.downloadTo(dir.resolve("downloads"));
            face.start(new ServerAddress("127.0.0.1", server.port()), "bob");
            await().atMost(WAIT).until(() -> Edt.call(() -> face.window() != null && face.window().frame().isVisible()));
            ChatWindow bob = Edt.call(face::window);
            try (TestLineClient dave = TestLineClient.login(server.port(), "dave");
                    TestLineClient erin = TestLineClient.login(server.port(), "erin")) {
                carol.send("morning all! the build is green again");
                dave.send("/me brings coffee");
                Edt.run(() -> {
                    bob.input().field().setText("nice, thanks carol");
                    bob.input().field().postActionEvent();
                });
                carol.awaitLine("MSG bob");
                dave.send("quit");
                await().atMost(WAIT).until(() -> Edt.call(() -> bob.messages().text().contains("dave left")));
                Edt.run(() -> {
                    bob.input().field().setText("/join #release");
                    bob.input().field().postActionEvent();
                });
                await().atMost(WAIT).until(() -> Edt.call(() -> bob.messages().text().contains("In #release (1): @bob")));
                erin.send("/join #release");
                erin.awaitLine("IN #release JOIN erin");
                Edt.run(() -> {
                    bob.input().field().setText("/topic Friday's release: notes first, demo at 3");
                    bob.input().field().postActionEvent();
                });
                erin.send("bob: can you look at the release notes before lunch?");
                carol.send("/msg bob psst: the demo is at 3, not 2");
                carol.send("lunch at 12:30, anyone?");
                await().atMost(WAIT).untilAsserted(() -> assertThat(Edt.call(() -> bob.messages().text())).contains("release notes"));
                await().atMost(WAIT).untilAsserted(() -> assertThat(Edt.call(() -> {
                    var model = bob.conversations().list().getModel();
                    return IntStream.range(0, model.getSize()).mapToObj(i -> ConversationPanes.label(model.getElementAt(i))).toList();
                })).containsExactly("#general (1)", "#release", "carol (1!)"));
                // a file on its way: a transfer row with its progress (100 kB/s: it stays on screen a while)
                Path report = dir.resolve("release-notes.pdf");
                Files.write(report, new byte[3_000_000]);
                alice.send("/send bob " + report);
                Window offer = await().atMost(WAIT).until(() -> Edt.call(() -> Edt.showing("offer-")), w -> w != null);
                Edt.run(() -> Edt.buttons(offer).stream().filter(b -> b.getText().equals("Accept")).forEach(JButton::doClick));
                await().atMost(WAIT).until(() -> Edt.call(() -> {
                    JProgressBar bar = Edt.findOrNull(bob.frame(), "progress-1", JProgressBar.class);
                    return bar != null && bar.getValue() >= 3;
                }));
                Edt.run(() -> bob.input().field().setText("sure, after the stand-up"));

                BufferedImage picture = Edt.call(() -> {
                    var frame = bob.frame();
                    frame.setSize(820, 420);
                    frame.validate();
                    BufferedImage image = new BufferedImage(frame.getWidth(), frame.getHeight(), BufferedImage.TYPE_INT_RGB);
                    var g = image.createGraphics();
                    frame.getRootPane().paint(g);
                    g.dispose();
                    return image;
                });
                Path png = Path.of("target", "window.png");
                ImageIO.write(picture, "png", png.toFile());
                assertThat(Files.size(png)).isGreaterThan(10_000);
                assertThat(colours(picture)).as("distinct colours in the picture").isGreaterThan(20);
            }
            Edt.run(bob::leave);
            assertThat(face.awaitEnd(WAIT)).isTrue();
        }
    }

    private static long colours(BufferedImage image) {
        return IntStream.range(0, image.getWidth() * image.getHeight())
                .map(i -> image.getRGB(i % image.getWidth(), i / image.getWidth())).distinct().count();
    }
}
