package chat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import chat.server.JarProcess;
import chat.server.ShippedJar;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** bench.jar as it is shipped ({@link ShippedJar}): each module checks the jar it builds, once it is built. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PackagingIT {
    private static final Path BENCH_JAR = Path.of("target", "bench.jar");
    private final ShippedJar jar = new ShippedJar(BENCH_JAR);

    @Test
    void carriesTheLicenceAndTheNoticesOfWhatIsInside() throws Exception {
        jar.carriesTheLicenceAndNotices("picocli 4.7.7", "XChart 4.0.3");
    }

    @Test
    void versionComesFromThePom() throws Exception {
        jar.saysItsVersion("chat bench");
    }

    /** picocli reads a description as a format: a bare '%' once made it print three warnings above the help. */
    @Test
    void helpIsTheHelpAlone() throws Exception {
        JarProcess help = JarProcess.runToEnd(BENCH_JAR, "", "--help");
        assertThat(help.exitValue()).isZero();
        assertThat(help.output()).first().asString().startsWith("Usage: bench.jar");
        assertThat(help.output()).noneMatch(l -> l.contains("WARN"));
        assertThat(String.join(" ", help.output()).replaceAll("\\s+", " ")).contains("client N joins room N modulo ROOMS");
    }

    @Test
    void noEntryCarriesTheTimeOfTheBuild() throws Exception {
        jar.carriesNoTimeOfTheBuild();
    }
}
