package chat.server;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** server.jar as it is shipped ({@link ShippedJar}): each module checks the jar it builds, once it is built. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PackagingIT {
    private final ShippedJar jar = new ShippedJar(Path.of("target", "server.jar"));

    @Test
    void carriesTheLicenceAndTheNoticesOfWhatIsInside() throws Exception {
        jar.carriesTheLicenceAndNotices("picocli 4.7.7", "SLF4J API", "Logback", "Bouncy Castle 1.87", "Jedis 8.0.2", "Apache Commons Pool", "Gson", "JSON-java",
                "SQLite JDBC 3.54.1.0", "PostgreSQL JDBC Driver 42.7.14");
    }

    @Test
    void versionComesFromThePom() throws Exception {
        jar.saysItsVersion("chat server");
    }

    @Test
    void noEntryCarriesTheTimeOfTheBuild() throws Exception {
        jar.carriesNoTimeOfTheBuild();
    }
}
