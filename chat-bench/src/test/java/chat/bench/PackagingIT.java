package chat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The three jars as they are shipped: the licence and third-party notices they must carry, the version
 * from the pom, and the fixed timestamps that make them reproducible. An IT in chat-bench because this
 * module is built last, so every jar exists by then.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PackagingIT {
    private static final String VERSION = System.getProperty("project.version", "1.0.0");

    @ParameterizedTest
    @CsvSource({
        "../chat-server/target/server.jar, picocli 4.7.7;SLF4J API;Logback;Bouncy Castle 1.87;Jedis 8.0.2;Apache Commons Pool;Gson;JSON-java",
        "../chat-client/target/client.jar, picocli 4.7.7;JLine 3.30.16;Redistributions in binary form must reproduce;FlatLaf 3.7",
        "target/bench.jar,                 picocli 4.7.7;XChart 4.0.3"
    })
    void jarCarriesTheLicenceAndTheNoticesOfWhatIsInside(String jar, String notices) throws IOException {
        try (JarFile file = new JarFile(jar)) {
            assertThat(text(file, "META-INF/LICENSE")).startsWith("MIT License");
            String thirdParty = text(file, "META-INF/THIRD-PARTY-NOTICES.txt");
            for (String notice : notices.split(";")) {
                assertThat(thirdParty).contains(notice);
            }
            assertThat(thirdParty).contains("Apache License", "Version 2.0, January 2004");
            // every class bundled is ours or from a library the notices name
            List<String> covered = List.of("chat/", "picocli/", "ch/qos/logback/", "org/slf4j/", "org/jline/", "com/formdev/flatlaf/", "org/bouncycastle/", "org/knowm/xchart/",
                    "redis/clients/", "org/apache/commons/pool2/", "com/google/gson/", "com/google/errorprone/", "org/json/");
            file.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/"))
                    .forEach(n -> assertThat(covered).as(n).anyMatch(n::startsWith));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "../chat-server/target/server.jar, chat server",
        "../chat-client/target/client.jar, chat client",
        "target/bench.jar,                 chat bench"
    })
    void versionComesFromThePom(String jar, String name) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar, "--version")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(out.lines().findFirst()).hasValue(name + " " + VERSION);
    }

    @Test
    void noJarEntryCarriesTheTimeOfTheBuild() throws IOException {
        FileTime fixed = FileTime.from(Instant.parse(System.getProperty("build.timestamp", "2026-11-30T00:00:00Z")));
        for (String jar : List.of("../chat-server/target/server.jar", "../chat-client/target/client.jar", "target/bench.jar")) {
            try (JarFile file = new JarFile(jar)) {
                // no entry carries the time of the build (a library's own entries keep the library's time)
                file.stream().forEach(e -> assertThat(e.getLastModifiedTime().toMillis() - fixed.toMillis())
                        .as("%s in %s", e.getName(), jar).isLessThanOrEqualTo(TimeUnit.DAYS.toMillis(1)));
            }
        }
    }

    private static String text(JarFile file, String entry) throws IOException {
        JarEntry e = file.getJarEntry(entry);
        assertThat(e).as(entry + " in " + file.getName()).isNotNull();
        return new String(file.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8);
    }
}
