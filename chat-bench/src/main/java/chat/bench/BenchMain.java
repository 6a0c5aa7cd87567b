package chat.bench;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code java -jar bench.jar}: runs one workload against one server, unmeasured {@code --warmups} times, then measured
 * {@code --runs} times, and prints a table and a JSON line for each measured run.
 */
@Command(
        name = "bench.jar",
        mixinStandardHelpOptions = true,
        versionProvider = BenchMain.Version.class,
        sortOptions = false,
        description = "Load-tests a chat server (ours, ncat --chat, or IRC) from one selector thread.")
public final class BenchMain implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", required = true, split = ",", paramLabel = "PORT[,PORT...]",
            description = "Server port; several (comma-separated) for nodes of one chat: clients go to them in turn.")
    List<Integer> ports;

    @Option(names = "--target", defaultValue = "chat", split = ",", paramLabel = "TARGET[,TARGET...]",
            description = "chat, ncat or irc (default: ${DEFAULT-VALUE}); one per port for a mixed run, e.g. --port P,IRC_P"
                    + " --target chat,irc --rooms 1: clients speak their port's.")
    List<String> target;

    @Option(names = "--clients", defaultValue = "50", description = "Connections (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--senders", defaultValue = "50", description = "How many of them send (default: ${DEFAULT-VALUE}).")
    int senders;

    @Option(names = "--messages", defaultValue = "200", description = "Messages per sender (default: ${DEFAULT-VALUE}).")
    int messages;

    @Option(names = "--rate", defaultValue = "0", description = "Messages per second per sender, 0 unpaced (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--spread", description = "Paced senders take turns, spread evenly over one interval (default: all at once).")
    boolean spread;

    @Option(names = "--rooms", defaultValue = "0",
            description = "Rooms (#r0, #r1...): client N joins room N modulo ROOMS and talks there; 0: one room for all (default: ${DEFAULT-VALUE}).")
    int rooms;

    @Option(names = "--write-batch", defaultValue = "0", paramLabel = "BYTES",
            description = "Unpaced senders write one batch of at most BYTES per wakeup, e.g. 4096 (default 0: as much as the socket takes).")
    int writeBatch;

    @Option(names = "--payload", defaultValue = "64", description = "Message text bytes (default: ${DEFAULT-VALUE}).")
    int payload;

    @Option(names = "--time-limit", defaultValue = "120", description = "Seconds before the run stops by itself (default: ${DEFAULT-VALUE}).")
    int timeLimit;

    @Option(names = "--connect-burst", defaultValue = "64", description = "Clients connecting or logging in at once (default: ${DEFAULT-VALUE}).")
    int connectBurst;

    @Option(names = "--server-pid", defaultValue = "0", split = ",", paramLabel = "PID[,PID...]",
            description = "PID of the server (of each node), for its CPU and RSS from /proc.")
    List<Long> serverPids;

    @Option(names = "--redis-pid", defaultValue = "0", description = "PID of the nodes' Redis, for its CPU per message.")
    long redisPid;

    @Option(names = "--label", defaultValue = "run", description = "Name of this run in the output.")
    String label;

    @Option(names = "--warmups", defaultValue = "0", paramLabel = "N",
            description = "Runs the workload N times unmeasured first, in this process, so that the generator's own JIT has"
                    + " compiled its paths before a measured run (default: ${DEFAULT-VALUE}).")
    int warmups;

    @Option(names = "--runs", defaultValue = "1", paramLabel = "N",
            description = "Measured runs, one after another, each with its table and JSON line (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--rest", defaultValue = "2", paramLabel = "SECONDS",
            description = "Seconds without load between runs, so that each is a burst after a quiet chat: what a server defers"
                    + " to a quiet moment (our store's indexing) is done between them (default: ${DEFAULT-VALUE}).")
    double restSeconds;

    @Option(names = "--tls", paramLabel = "CERT.pem",
            description = "Talk TLS 1.3 (chat target), trusting exactly this certificate, the server's (its data directory's tls/cert.pem).")
    Path tlsCertificate;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new BenchMain());
        cli.setExecutionExceptionHandler((e, c, r) -> {
            c.getErr().println("Error: " + e.getMessage());
            return 1;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<Dialect> dialects = new ArrayList<>();
        try {
            for (String t : target) {
                dialects.add(Dialect.valueOf(t.toUpperCase(Locale.ROOT)));
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--target must be chat, ncat or irc");
        }
        if (warmups < 0 || runs < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--warmups must be 0 or more, --runs 1 or more");
        }
        if (!(restSeconds >= 0 && restSeconds <= 60)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--rest must be between 0 and 60 seconds");
        }
        Workload workload = new Workload(host, ports, dialects, clients, senders, messages, rate, payload, timeLimit, connectBurst,
                serverPids, redisPid, spread, rooms, writeBatch);
        SSLContext tls = tlsCertificate == null ? null : trusting(tlsCertificate);
        boolean allDelivered = true;
        for (int run = 1; run <= warmups + runs; run++) {
            // A new JVM compiles its selector loop, its reads and its parser during its first seconds of load; in a
            // measured run that was the generator's slow ticks in (c)'s p99 (docs/BENCHMARKS.md, "(c)'s p99 and the
            // generator's own JIT"). Runs before, in this process, leave that work done, and a collection between
            // runs starts each one with an empty heap.
            if (run > 1) {
                // Back to back, runs of (a) were one long flood: our store indexes what it journaled once the chat
                // has been quiet for a second, or during the flood once 100,000 lines wait, and the runs that had
                // it cost 3-4 times the CPU of the others (docs/BENCHMARKS.md). A process per run used to leave a
                // quiet moment by its start; the rest leaves it on purpose.
                Thread.sleep((long) (restSeconds * 1000));
                System.gc();
            }
            boolean measured = run > warmups;
            Results results = new LoadGenerator(workload, tls).run(measured ? label : "warmup");
            if (!measured) {
                System.out.printf("warm-up run %d of %d: %d of %d delivered%n", run, warmups, results.delivered(), results.expected());
                continue;
            }
            System.out.print(results.table());
            System.out.println("JSON " + results.json());
            allDelivered &= results.lost() == 0 && results.duplicated() == 0 && results.outOfOrder() == 0;
        }
        return allDelivered ? 0 : 3;
    }

    /** A TLS 1.3 client context that trusts exactly the certificate in {@code pem}. */
    static SSLContext trusting(Path pem) throws Exception {
        Certificate certificate;
        try (InputStream in = Files.newInputStream(pem)) {
            certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("server", certificate);
        TrustManagerFactory trust =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** The version from the jar's manifest, which the build fills in from the pom. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = BenchMain.class.getPackage().getImplementationVersion();
            return new String[] {"chat bench " + (version == null ? "(development build)" : version), "Java " + Runtime.version()};
        }
    }
}
