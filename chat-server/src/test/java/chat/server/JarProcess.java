package chat.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A built jar run as a real process, with the JVM that runs the tests: its output (stdout and stderr merged)
 * collected line by line so a test can wait for a line with a deadline.
 */
public final class JarProcess implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new ArrayList<>(); // guarded by itself
    private final Thread pump;

    private JarProcess(Process process) {
        this.process = process;
        this.pump = new Thread(this::pumpOutput, "jar-output-pump");
        pump.setDaemon(true);
        pump.start();
    }

    /** Starts {@code java -jar jar args...}. */
    public static JarProcess start(Path jar, String... args) throws IOException {
        return start(List.of(), jar, args);
    }

    /** Starts {@code java jvmArgs... -jar jar args...}. */
    public static JarProcess start(List<String> jvmArgs, Path jar, String... args) throws IOException {
        return start(Map.of(), jvmArgs, jar, args);
    }

    /**
     * Starts {@code java jvmArgs... -jar jar args...} with these changes to the environment: a variable
     * mapped to the empty string is removed, any other is set. The per-user directories (XDG) are this test
     * run's own unless {@code env} names them: a jar started without {@code --data-dir} must touch neither the
     * home of whoever runs the tests nor another run's files (two runs once shared a server's lock there).
     */
    public static JarProcess start(Map<String, String> env, List<String> jvmArgs, Path jar, String... args)
            throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: run 'mvn package' first");
        }
        List<String> javaArgs = new ArrayList<>(jvmArgs);
        javaArgs.add("-jar");
        javaArgs.add(jar.toString());
        javaArgs.addAll(List.of(args));
        return java(env, javaArgs);
    }

    /**
     * Starts this JVM's {@code java} with {@code javaArgs} (say, a main class on a class path) and the
     * environment as {@link #start(Map, List, Path, String...)} makes it.
     */
    public static JarProcess java(Map<String, String> env, List<String> javaArgs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaArgs);
        ProcessBuilder builder = withRunHome(new ProcessBuilder(command).redirectErrorStream(true));
        env.forEach((name, value) -> {
            if (value.isEmpty()) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        return new JarProcess(builder.start());
    }

    /**
     * {@code builder}, its per-user directories (XDG) this test JVM's own: whatever starts a jar by hand goes
     * through here too, or a server started without {@code --data-dir} takes the lock in the real home's data
     * directory, and another fork's server there waits for it in vain.
     */
    public static ProcessBuilder withRunHome(ProcessBuilder builder) throws IOException {
        Path home = runHome();
        for (String variable : List.of("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME")) {
            builder.environment().put(variable, home.resolve(variable.toLowerCase(Locale.ROOT)).toString());
        }
        return builder;
    }

    private static Path runHome; // guarded by the class

    private static synchronized Path runHome() throws IOException {
        if (runHome == null) {
            runHome = Files.createTempDirectory("chat-test-home");
        }
        return runHome;
    }

    /** Starts any command (e.g. {@code openssl s_client}), its output read the same way as a jar's. */
    public static JarProcess command(String... command) throws IOException {
        return new JarProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** Runs a jar to completion (bounded) and returns its exit status; output via {@link #output()}. */
    public static JarProcess runToEnd(Path jar, String stdin, String... args) throws Exception {
        JarProcess p = start(jar, args);
        try (OutputStream in = p.stdin()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.awaitExit(Duration.ofSeconds(60));
        return p;
    }

    /** Runs a jar with bad options: it must print {@code expected} first, no stack trace, and exit 2. */
    public static void assertUsageError(Path jar, String args, String expected) throws Exception {
        JarProcess p = runToEnd(jar, "", args.trim().split(" +"));
        List<String> output = p.output();
        if (p.exitValue() != 2 || output.isEmpty() || !output.get(0).equals(expected)
                || output.stream().anyMatch(l -> l.contains("\tat ") || l.contains("Exception"))) {
            throw new AssertionError("expected exit 2 and first line '" + expected + "', got exit "
                    + p.exitValue() + " and " + output);
        }
    }

    private void pumpOutput() {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process is gone; what was read stays
        }
    }

    /** Waits for a server jar to say it listens on 127.0.0.1, and returns that port. */
    public int listeningPort(Duration timeout) throws InterruptedException {
        return Integer.parseInt(awaitLine("Listening on 127\\.0\\.0\\.1:(\\d+)", timeout).group(1));
    }

    /** Waits for an output line matching {@code regex} and returns its match. */
    public Matcher awaitLine(String regex, Duration timeout) throws InterruptedException {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = 0;
        synchronized (lines) {
            while (true) {
                for (; checked < lines.size(); checked++) {
                    Matcher m = pattern.matcher(lines.get(checked));
                    if (m.find()) {
                        return m;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no output line matching '" + regex + "' within " + timeout + "; got " + lines);
                }
                lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    /** Sends the process a signal ({@code STOP}, {@code CONT}, ...) and waits for {@code kill} to return. */
    public void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
    }

    /**
     * Waits until every thread of the process is stopped (after {@code signal("STOP")}, which returns once the
     * signal is sent: a thread running on another core stops a moment later).
     */
    public void awaitStopped() {
        Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .ignoreExceptionsInstanceOf(IOException.class).until(() -> {
                    try (var each = Files.list(tasks)) {
                        for (Path task : each.toList()) {
                            String stat = Files.readString(task.resolve("stat"));
                            if (stat.charAt(stat.lastIndexOf(')') + 2) != 'T') { // the state follows the name
                                return false;
                            }
                        }
                        return true;
                    }
                });
    }

    /** Waits for the process to end and for all its output to be read; returns the exit status. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("process did not exit within " + timeout + "; output: " + output());
        }
        pump.join(10_000);
        return process.exitValue();
    }

    public List<String> output() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    public OutputStream stdin() {
        return process.getOutputStream();
    }

    public int exitValue() {
        return process.exitValue();
    }

    /**
     * Sends SIGTERM, as {@code kill PID} would. Through the handle: {@code Process.destroy()} would also close
     * our end of the output pipe and lose the lines the process prints while stopping.
     */
    public void terminate() {
        process.toHandle().destroy();
    }

    /** Sends SIGKILL, as {@code kill -9 PID} would: the process gets no chance to do anything. */
    public void kill() {
        process.toHandle().destroyForcibly();
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
