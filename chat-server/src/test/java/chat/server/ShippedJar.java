package chat.server;

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

/**
 * A jar as it is shipped, checked the same way in each module that builds one (each module's PackagingIT):
 * the licence and third-party notices it must carry, the version from the pom, and the fixed timestamps that
 * make it reproducible.
 */
public final class ShippedJar {
    /** Where the classes bundled may come from: ours, or a library some jar's notices name. */
    private static final List<String> COVERED = List.of("chat/", "picocli/", "ch/qos/logback/", "org/slf4j/", "org/jline/",
            "com/formdev/flatlaf/", "org/bouncycastle/", "org/knowm/xchart/", "redis/clients/", "org/apache/commons/pool2/",
            "com/google/gson/", "com/google/errorprone/", "org/json/",
            "org/sqlite/", "org/postgresql/");

    private final Path jar;

    public ShippedJar(Path jar) {
        this.jar = jar;
    }

    /** Carries the MIT licence, and notices naming the Apache licence and each of {@code notices}; no class unnamed. */
    public void carriesTheLicenceAndNotices(String... notices) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(text(file, "META-INF/LICENSE")).startsWith("MIT License");
            String thirdParty = text(file, "META-INF/THIRD-PARTY-NOTICES.txt");
            assertThat(thirdParty).contains(notices).contains("Apache License", "Version 2.0, January 2004");
            file.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/"))
                    .forEach(n -> assertThat(COVERED).as(n).anyMatch(n::startsWith));
        }
    }

    /** {@code java -jar JAR --version} says {@code name} and the pom's version, and exits 0. */
    public void saysItsVersion(String name) throws Exception {
        JarProcess version = JarProcess.runToEnd(jar, "", "--version");
        assertThat(version.exitValue()).isZero();
        assertThat(version.output()).first().isEqualTo(name + " " + System.getProperty("project.version", "1.0.0"));
    }

    /** No entry carries the time of the build (a library's own entries keep the library's time). */
    public void carriesNoTimeOfTheBuild() throws IOException {
        FileTime fixed = FileTime.from(Instant.parse(System.getProperty("build.timestamp", "2026-11-30T00:00:00Z")));
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream().forEach(e -> assertThat(e.getLastModifiedTime().toMillis() - fixed.toMillis())
                    .as("%s in %s", e.getName(), jar).isLessThanOrEqualTo(TimeUnit.DAYS.toMillis(1)));
        }
    }

    private static String text(JarFile file, String entry) throws IOException {
        JarEntry e = file.getJarEntry(entry);
        assertThat(e).as(entry + " in " + file.getName()).isNotNull();
        return new String(file.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8);
    }
}
