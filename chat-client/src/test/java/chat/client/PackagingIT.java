package chat.client;

import chat.server.ShippedJar;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** client.jar as it is shipped ({@link ShippedJar}): each module checks the jar it builds, once it is built. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PackagingIT {
    private final ShippedJar jar = new ShippedJar(Path.of("target", "client.jar"));

    @Test
    void carriesTheLicenceAndTheNoticesOfWhatIsInside() throws Exception {
        jar.carriesTheLicenceAndNotices("picocli 4.7.7", "JLine 3.30.16", "Redistributions in binary form must reproduce", "FlatLaf 3.7");
    }

    @Test
    void versionComesFromThePom() throws Exception {
        jar.saysItsVersion("chat client");
    }

    @Test
    void noEntryCarriesTheTimeOfTheBuild() throws Exception {
        jar.carriesNoTimeOfTheBuild();
    }
}
