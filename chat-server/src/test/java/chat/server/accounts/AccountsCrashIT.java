package chat.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import chat.server.JarProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A kill -9 in the middle of a storm of registrations leaves a store that loads, with every acknowledged one. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AccountsCrashIT {
    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedRegistrationSurvivesAKillNine() throws Exception {
        Path file = dir.resolve("accounts");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        JarProcess storm = JarProcess.command(java, "-cp", System.getProperty("java.class.path"),
                AccountsStorm.class.getName(), file.toString());
        storm.awaitLine("^ack user299$", Duration.ofSeconds(60)); // well into the storm
        storm.kill(); // SIGKILL: no shutdown hook, no flush, wherever it was
        storm.awaitExit(Duration.ofSeconds(30));
        List<String> acked = storm.output().stream().filter(l -> l.startsWith("ack ")).map(l -> l.substring(4)).toList();

        Accounts survived = Accounts.load(file, 1_000);
        assertThat(acked).hasSizeGreaterThanOrEqualTo(300);
        for (String name : acked) {
            assertThat(survived.verify(name, ("pw-" + name).toCharArray())).as(name).isTrue();
        }
        assertThat(survived.size()).isBetween(acked.size(), acked.size() + 1); // at most the one on its way
        System.out.printf("kill -9 after %d acknowledged registrations: store loads, all %d in it%n", acked.size(), survived.size());
    }
}
