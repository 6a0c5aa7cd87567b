package chat.server;

import chat.server.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code redis-server} for each test and what a cluster test opens on it: nodes (in the test's JVM, or
 * server.jar in a process of its own to be killed or stopped), their members, and a pool for work beside the
 * test; after the test they are closed in reverse order, then Redis. A test class registers one as a field
 * ({@code @RegisterExtension final TestCluster cluster = new TestCluster();}). Nodes in the test's JVM speak TLS
 * when the test runs over TLS ({@link TestTransport}).
 */
final class TestCluster implements BeforeEachCallback, AfterEachCallback {
    /** Short, so that a dead node is noticed within seconds; the default is 10 s. */
    static final Duration NODE_TIMEOUT = Duration.ofSeconds(3);

    final ExecutorService pool = Executors.newCachedThreadPool();
    private final Opened opened = new Opened();
    RedisProcess redis;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        redis = RedisProcess.start();
    }

    /** A node's settings: this Redis, the short node timeout, no transfer port and no history. */
    ServerConfig.Builder config() {
        return ChatServerIT.base().transferPort(-1).history(0).cluster(redis.uri(), NODE_TIMEOUT);
    }

    ChatServer node() throws IOException {
        return node(config());
    }

    ChatServer node(ServerConfig.Builder config) throws IOException {
        return track(ChatServer.start(TestTransport.adapt(config.build())));
    }

    /** A node keeping its copy of the accounts in {@code dir}, plain-text passwords allowed, few hash iterations. */
    ChatServer accountsNode(Path dir) throws IOException {
        return node(config().dataDir(dir).passwordIterations(1000).allowPlainPasswords(true));
    }

    /** A node run as server.jar in its own process, plain text, its data in {@code dir}; {@code more} options after. */
    JarProcess nodeProcess(Path dir, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--transfer-port", "off", "--history", "0",
                "--data-dir", Files.createDirectories(dir).toString(), "--cluster", redis.uri().toString(),
                "--cluster-node-timeout", Long.toString(NODE_TIMEOUT.toSeconds())));
        args.addAll(List.of(more));
        return JarProcess.start(ChatServerJarIT.SERVER_JAR, args.toArray(String[]::new));
    }

    TestLineClient login(ChatServer node, String name) throws IOException {
        return track(TestLineClient.login(node.port(), name));
    }

    /** {@code name} logged in on a node process, once {@code watcher} (on another node) has seen it join. */
    TestLineClient memberOn(JarProcess node, String name, TestLineClient watcher) throws Exception {
        TestLineClient member = track(TestLineClient.loginPlain(ChatServerJarIT.awaitListening(node), name));
        watcher.linesUntil("JOIN " + name + " ");
        return member;
    }

    <T extends AutoCloseable> T track(T closeable) {
        return opened.track(closeable);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        pool.shutdownNow();
        try {
            opened.close();
        } finally {
            redis.close();
        }
    }
}
