package chat.client.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafeFileNameTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
        "report.pdf#report.pdf",
        "../../.bashrc#bashrc",
        "/etc/passwd#passwd",
        "C:\\Windows\\win.ini#win.ini",
        "..#file",
        "...#file",
        "''#file",
        "'  spaced  '#spaced",
        "a<b>c:d\"e|f?g*h.txt#a_b_c_d_e_f_g_h.txt",
        "CON#_CON",
        "nul.tar.gz#_nul.tar.gz",
        "console.txt#console.txt",
        "trailing. . .#trailing",
    })
    void makesOfferedNamesSafe(String offered, String safe) {
        assertThat(SafeFileName.of(offered)).isEqualTo(safe);
    }

    @Test
    void dropsControlAndInvisibleCharacters() {
        assertThat(SafeFileName.of("a\u0000b\u001bc\u007fd\u0085e\u202Ef\u200Bg.txt")).isEqualTo("abcdefg.txt");
    }

    @Test
    void shortensLongNamesKeepingTheExtension() {
        String name = SafeFileName.of("é".repeat(300) + ".jpeg");
        assertThat(name).endsWith("é.jpeg");
        assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(SafeFileName.MAX_BYTES);
    }

    @Test
    void claimsANameThatIsFreeAndNeverOverwrites() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "mine");
        Files.writeString(dir.resolve("notes (1).txt.chat-part"), "someone's partial file");
        SafeFileName.Claimed first = SafeFileName.claim(dir, "../notes.txt");
        assertThat(first.target()).isEqualTo(dir.resolve("notes (2).txt"));
        assertThat(first.part()).isEqualTo(dir.resolve("notes (2).txt.chat-part"));
        assertThat(Files.exists(first.target())).as("nothing under the name while receiving").isFalse();
        assertThat(Files.exists(first.part())).isTrue();
        assertThat(SafeFileName.claim(dir, "notes.txt").target()).isEqualTo(dir.resolve("notes (3).txt"));
        assertThat(SafeFileName.claim(dir, "README").target()).isEqualTo(dir.resolve("README"));
        assertThat(SafeFileName.claim(dir, "README").target()).isEqualTo(dir.resolve("README (1)"));
        assertThat(Files.readString(dir.resolve("notes.txt"))).isEqualTo("mine");
    }

    @Test
    void aFileIsNamedWithoutReplacingOneMadeMeanwhile() throws Exception {
        SafeFileName.Claimed claimed = SafeFileName.claim(dir, "photo.jpg");
        claimed.out().write(java.nio.ByteBuffer.wrap("received".getBytes(StandardCharsets.UTF_8)));
        Files.writeString(dir.resolve("photo.jpg"), "made by another program meanwhile");
        Path saved = SafeFileName.settle(claimed);
        claimed.out().close();
        assertThat(saved).isEqualTo(dir.resolve("photo (1).jpg"));
        assertThat(Files.readString(saved)).isEqualTo("received");
        assertThat(Files.readString(dir.resolve("photo.jpg"))).isEqualTo("made by another program meanwhile");
    }

    @Test
    void leftoversNobodyWritesAreRemovedAndOnesBeingWrittenKept() throws Exception {
        Files.writeString(dir.resolve("big.bin.chat-part"), "a killed client's");
        Files.writeString(dir.resolve("browser.zip.part"), "not ours: never touched");
        SafeFileName.Claimed writing = SafeFileName.claim(dir, "live.bin");
        assertThat(LocalFiles.removeLeftovers(dir)).isEqualTo(1);
        assertThat(Files.exists(dir.resolve("big.bin.chat-part"))).isFalse();
        assertThat(Files.exists(writing.part())).isTrue();
        assertThat(Files.exists(dir.resolve("browser.zip.part"))).isTrue();
        writing.out().close();
        assertThat(SafeFileName.claim(dir, "big.bin").target()).isEqualTo(dir.resolve("big.bin")); // not "big (1).bin"
    }

    @Test
    void downloadsGoToTheXdgDirectoryOrDownloads() {
        assertThat(Downloads.defaultDir(Map.of(), "/home/ann")).isEqualTo(Path.of("/home/ann/Downloads/chat"));
        assertThat(Downloads.defaultDir(Map.of("XDG_DOWNLOAD_DIR", "/data/dl"), "/home/ann")).isEqualTo(Path.of("/data/dl/chat"));
        assertThat(Downloads.defaultDir(Map.of("XDG_DOWNLOAD_DIR", "relative"), "/home/ann"))
                .isEqualTo(Path.of("/home/ann/Downloads/chat"));
    }
}
