package chat.bench;

import chat.server.ShippedJar;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** bench.jar as it is shipped ({@link ShippedJar}): each module checks the jar it builds, once it is built. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PackagingIT {
    private final ShippedJar jar = new ShippedJar(Path.of("target", "bench.jar"));

    @Test
    void carriesTheLicenceAndTheNoticesOfWhatIsInside() throws Exception {
        jar.carriesTheLicenceAndNotices("picocli 4.7.7", "XChart 4.0.3");
    }

    @Test
    void versionComesFromThePom() throws Exception {
        jar.saysItsVersion("chat bench");
    }

    @Test
    void noEntryCarriesTheTimeOfTheBuild() throws Exception {
        jar.carriesNoTimeOfTheBuild();
    }
}
