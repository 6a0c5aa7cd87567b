package chat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.client.core.ChatSession;
import chat.client.core.Recorder;
import chat.client.transfer.TransferView;
import chat.client.window.Edt;
import chat.server.ChatServer;
import chat.server.Interop;
import chat.server.ProcessTree;
import chat.server.TestLineClient;
import chat.server.config.ServerConfig;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Draws the terminal face in the middle of a conversation into {@code target/terminal.png}: client.jar in a
 * real xterm on the (virtual) display, taken as the screen shows it. {@code docs/images/make-screenshots.sh}
 * copies it into the docs. Also a test: the picture is there and not blank.
 */
@Interop({"xterm"})
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TerminalScreenshotIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int BACKGROUND = 0x1E1E24;

    @Test
    void drawsTheTerminalInAConversation(@TempDir Path dir) throws Exception {
        Edt.requireDisplay();
        try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).rateLimit(0, 1).maxPerIp(0)
                        .connectThrottle(0, Duration.ofSeconds(1)).build());
                TestLineClient carol = TestLineClient.login(server.port(), "carol");
                TestLineClient dave = TestLineClient.login(server.port(), "dave");
                ChatSession alice = new ChatSession("127.0.0.1", server.port(), new Recorder(), false)) {
            Recorder aliceHears = new Recorder();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder("xterm", "-geometry", "96x20+0+0", "-bw", "0", "-fa", "DejaVu Sans Mono",
                    "-fs", "11", "-bg", String.format("#%06x", BACKGROUND), "-fg", "#dcdcdc", "-e", java, "-jar",
                    Path.of("target", "client.jar").toAbsolutePath().toString(), "--port", "" + server.port(), "--name", "bob")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("xterm.log").toFile());
            for (String variable : new String[] {"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"}) {
                builder.environment().put(variable, dir.resolve(variable).toString());
            }
            builder.environment().put("XDG_DOWNLOAD_DIR", dir.resolve("downloads").toString());
            Process xterm = builder.start();
            try {
                carol.awaitLine("JOIN bob");
                carol.send("morning all! the build is green again");
                dave.send("/me brings coffee");
                carol.send("/msg bob psst: the demo is at 3, not 2");
                dave.send("bob: can you look at the release notes before lunch?");
                ChatSession offering = new ChatSession("127.0.0.1", server.port(), aliceHears, false);
                offering.connect();
                offering.login("alice");
                Path notes = Files.write(dir.resolve("release-notes.pdf"), new byte[2_000_000]);
                offering.send("/send bob " + notes);
                await().atMost(WAIT).until(() -> aliceHears.newestTransfer() > 0
                        && aliceHears.transfer(aliceHears.newestTransfer()).stage() == TransferView.Stage.OFFERED);
                BufferedImage picture = steadyPicture();
                Path png = Path.of("target", "terminal.png");
                ImageIO.write(picture, "png", png.toFile());
                assertThat(picture.getWidth()).isGreaterThan(300);
                assertThat(Files.size(png)).isGreaterThan(5_000);
                offering.close();
            } finally {
                ProcessTree.end(xterm.toHandle(), WAIT);
            }
        }
    }

    /** The xterm as the screen shows it, once two looks 300 ms apart agree (it has drawn what it was sent). */
    private static BufferedImage steadyPicture() throws Exception {
        Robot robot = new Robot();
        Rectangle screen = new Rectangle(0, 0, 1280, 1024);
        AtomicReference<BufferedImage> last = new AtomicReference<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            BufferedImage now = cropped(robot.createScreenCapture(screen));
            BufferedImage before = last.getAndSet(now);
            return now != null && before != null && same(now, before);
        });
        return last.get();
    }

    /** The xterm's window: the box of pixels in its background colour, from the top left corner. */
    private static BufferedImage cropped(BufferedImage screen) {
        int width = 0;
        while (width < screen.getWidth() && (screen.getRGB(width, 0) & 0xFFFFFF) == BACKGROUND) {
            width++;
        }
        int height = 0;
        while (height < screen.getHeight() && (screen.getRGB(0, height) & 0xFFFFFF) == BACKGROUND) {
            height++;
        }
        return width < 100 || height < 100 ? null : screen.getSubimage(0, 0, width, height);
    }

    private static boolean same(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return false;
        }
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }
}
