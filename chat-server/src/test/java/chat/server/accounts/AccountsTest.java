package chat.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountsTest {
    private static final int FAST = 1_000; // iterations for tests; the server uses PasswordHash.DEFAULT_ITERATIONS

    @TempDir
    Path dir;

    @Test
    void aRegisteredNameNeedsItsPasswordIgnoringCaseAndSurvivesARestart() throws IOException {
        Path file = dir.resolve("accounts");
        Accounts accounts = Accounts.load(file, FAST);
        assertThat(accounts.register("Alice", "correct horse".toCharArray())).isTrue();
        assertThat(accounts.register("alice", "other".toCharArray())).as("taken, ignoring case").isFalse();
        assertThat(accounts.verify("ALICE", "correct horse".toCharArray())).isTrue();
        assertThat(accounts.verify("alice", "correct hors".toCharArray())).isFalse();
        assertThat(accounts.verify("bob", "anything".toCharArray())).isFalse();

        Accounts reloaded = Accounts.load(file, FAST);
        assertThat(reloaded.verify("alice", "correct horse".toCharArray())).isTrue();
        assertThat(reloaded.changePassword("alice", "battery staple".toCharArray())).isTrue();
        assertThat(Accounts.load(file, FAST).verify("alice", "battery staple".toCharArray())).isTrue();
        assertThat(reloaded.unregister("Alice")).isTrue();
        assertThat(Accounts.load(file, FAST).isRegistered("alice")).isFalse();
    }

    @Test
    void theFileHoldsNoPasswordOnlySaltedHashes() throws IOException {
        Path file = dir.resolve("accounts");
        Accounts accounts = Accounts.load(file, FAST);
        accounts.register("alice", "same secret".toCharArray());
        accounts.register("bob", "same secret".toCharArray());
        String text = Files.readString(file);
        assertThat(text).doesNotContain("same secret").contains("alice pbkdf2-sha256 1000 ", "bob pbkdf2-sha256 1000 ");
        String[] lines = text.lines().filter(l -> !l.startsWith("#")).toArray(String[]::new);
        assertThat(lines[0].split(" ")[4]).as("same password, different salt, different hash").isNotEqualTo(lines[1].split(" ")[4]);
    }

    @Test
    void aDamagedFileStopsTheLoadNamingTheLine() throws IOException {
        Path file = dir.resolve("accounts");
        Files.writeString(file, "# header\nalice pbkdf2-sha256 1000 AAAA BBBB\nbob garbage\n");
        assertThatThrownBy(() -> Accounts.load(file, FAST)).hasMessageContaining("line 3 is damaged");
    }

    @Test
    void theDefaultHashIsPbkdf2WithSixHundredThousandIterations() {
        PasswordHash hash = PasswordHash.of("pw".toCharArray(), PasswordHash.DEFAULT_ITERATIONS);
        assertThat(hash.iterations()).isEqualTo(600_000);
        assertThat(PasswordHash.decode(hash.encode()).matches("pw".toCharArray())).isTrue();
        assertThat(hash.matches("pW".toCharArray())).isFalse();
    }

    @Test
    void anAccountNotUsedForTheExpiryIsUnusedAndALoginOrAnOldFileKeepsItInUse() throws IOException {
        Path file = dir.resolve("accounts");
        AtomicLong day = new AtomicLong(20_000);
        Accounts accounts = Accounts.load(file, FAST, day::get);
        accounts.register("alice", "correct horse".toCharArray());
        accounts.register("bob", "battery staple".toCharArray());
        day.addAndGet(200);
        accounts.seen("BOB");
        assertThat(Files.readString(file)).contains(" 20200\n");
        day.addAndGet(165);
        assertThat(accounts.unusedFor(365)).isEmpty();
        day.incrementAndGet();
        assertThat(accounts.unusedFor(365)).containsExactly("alice");
        day.addAndGet(200);
        assertThat(Accounts.load(file, FAST, day::get).unusedFor(365)).as("after a restart").containsExactly("alice", "bob");

        // a file written before the day was kept: every entry counts as seen the day it is loaded
        String old = Files.readString(file).replaceAll(" \\d+\n", "\n");
        Files.writeString(file, old);
        assertThat(Accounts.load(file, FAST, day::get).unusedFor(0)).isEmpty();
        assertThat(Accounts.load(file, FAST, day::get).verify("alice", "correct horse".toCharArray())).isTrue();
    }
}
