package chat.client.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TransferTextTest {
    private static TransferView view(boolean sending, long moved, double rate, TransferView.Stage stage, String detail) {
        return new TransferView(7, sending, "alice", "photos.zip", 1_000_000, moved, rate, stage, detail,
                stage == TransferView.Stage.DONE ? Path.of("/dl/photos.zip") : null);
    }

    @Test
    void writesSizesAsFileManagersDo() {
        assertThat(TransferText.size(1)).isEqualTo("1 byte");
        assertThat(TransferText.size(999)).isEqualTo("999 bytes");
        assertThat(TransferText.size(1000)).isEqualTo("1.0 kB");
        assertThat(TransferText.size(1_500_000)).isEqualTo("1.5 MB");
        assertThat(TransferText.size(1L << 30)).isEqualTo("1.1 GB");
        assertThat(TransferText.size(999_999)).isEqualTo("1.0 MB");
    }

    @Test
    void saysEachStageInOneLine() {
        assertThat(TransferText.line(view(false, 0, 0, TransferView.Stage.OFFERED, "")))
                .isEqualTo("alice offers you photos.zip (1.0 MB): /accept 7 or /decline 7");
        assertThat(TransferText.line(view(true, 0, 0, TransferView.Stage.OFFERED, "")))
                .isEqualTo("#7 offered photos.zip (1.0 MB) to alice; waiting for an answer (/cancel 7)");
        assertThat(TransferText.line(view(false, 450_000, 100_000, TransferView.Stage.RUNNING, "")))
                .isEqualTo("#7 receiving photos.zip (1.0 MB) from alice"); // the progress is the face's: a line would stand still
        assertThat(TransferText.line(view(false, 1_000_000, 0, TransferView.Stage.DONE, "")))
                .isEqualTo("#7 photos.zip (1.0 MB) from alice saved to /dl/photos.zip (SHA-256 checked)");
        assertThat(TransferText.line(view(true, 10, 0, TransferView.Stage.ENDED, "cancelled by alice")))
                .isEqualTo("#7 photos.zip (1.0 MB) to alice: cancelled by alice");
        assertThat(TransferText.line(view(true, 0, 0, TransferView.Stage.ENDED, "alice declined photos.zip")))
                .isEqualTo("#7 alice declined photos.zip"); // said once, not "photos.zip (1.0 MB) to alice: alice declined photos.zip"
    }

    @Test
    void aFaceWithButtonsIsToldNoCommand() {
        assertThat(TransferText.line(view(false, 0, 0, TransferView.Stage.OFFERED, ""), false))
                .isEqualTo("alice offers you photos.zip (1.0 MB)");
        assertThat(TransferText.line(view(true, 0, 0, TransferView.Stage.OFFERED, ""), false))
                .isEqualTo("#7 offered photos.zip (1.0 MB) to alice; waiting for an answer");
        assertThat(TransferText.status(view(true, 0, 0, TransferView.Stage.OFFERED, ""))).isEqualTo("waiting for alice to answer");
    }

    @Test
    void drawsABarOfTheGivenWidth() {
        assertThat(TransferText.bar(view(false, 450_000, 0, TransferView.Stage.RUNNING, ""), 10)).isEqualTo("[====>     ] 45% of 1.0 MB");
        assertThat(TransferText.bar(view(false, 610_000, 100_000, TransferView.Stage.RUNNING, ""), 10))
                .isEqualTo("[======>   ] 61% of 1.0 MB, 100.0 kB/s, 4 s left"); // never "61% 1.0 MB"
        assertThat(TransferText.bar(view(false, 1_000_000, 0, TransferView.Stage.RUNNING, ""), 10)).isEqualTo("[==========] 100% of 1.0 MB");
    }
}
