package chat.server.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's certificate files, read again when they change, so that a renewal (certbot replaces them
 * every few weeks) needs no restart: new connections get the new certificate, open ones keep theirs. A
 * file that cannot be read (say, half-written) leaves the current certificate in use and is tried again.
 * Checked every few seconds on a thread of its own ({@code chat-certificate-watch}).
 */
public final class CertificateFiles implements Supplier<SSLContext>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CertificateFiles.class);

    /** Reads the certificate from the files. */
    public interface Loader {
        ServerCertificate load() throws IOException;
    }

    private final List<Path> files;
    private final Loader loader;
    private final ScheduledExecutorService watch;
    private volatile SSLContext context;
    private volatile ServerCertificate certificate;
    private String seen; // the files' times and sizes at the last load; watch thread only after start
    private String failed; // the stamp last found unusable, so that it is reported once
    private volatile String problem; // why the files in place are not in use, or null

    /** PEM files: reads them now (failing if they cannot be used) and checks them every {@code periodMillis}. */
    public CertificateFiles(Path certFile, Path keyFile, long periodMillis) throws IOException {
        this(List.of(certFile, keyFile), () -> ServerCertificate.fromPem(certFile, keyFile), periodMillis);
    }

    /** Any {@code files} that {@code loader} reads: read now, and again whenever one of them changes. */
    public CertificateFiles(List<Path> files, Loader loader, long periodMillis) throws IOException {
        this.files = List.copyOf(files);
        this.loader = loader;
        load(); // first: it says what is wrong with the files, if anything
        this.seen = stamp();
        watch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "chat-certificate-watch");
            t.setDaemon(true);
            return t;
        });
        watch.scheduleWithFixedDelay(this::check, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** The TLS context for a new connection: the newest certificate read. */
    @Override
    public SSLContext get() {
        return context;
    }

    public ServerCertificate certificate() {
        return certificate;
    }

    /** Why the files now in place are not the certificate in use (they could not be read), or null. */
    public String problem() {
        return problem;
    }

    private void load() throws IOException {
        ServerCertificate read = loader.load();
        SSLContext made = read.sslContext();
        certificate = read;
        context = made;
    }

    private void check() {
        try {
            String now = stamp();
            if (now.equals(seen) || now.equals(failed)) {
                return;
            }
            try {
                load();
            } catch (IOException | RuntimeException e) {
                failed = now;
                problem = e.getMessage();
                log.warn("Certificate files changed but cannot be used ({}); keeping the current one", e.getMessage());
                return;
            }
            seen = now;
            problem = null;
            log.info("Certificate reloaded from {}: {}, fingerprint {}", files.get(0), certificate.subject(), certificate.fingerprint());
        } catch (IOException e) {
            log.debug("Cannot look at the certificate files: {}", e.getMessage()); // mid-swap: looked at again soon
        }
    }

    /** What tells a change: each file's modification time and size (certbot swaps symbolic links: followed). */
    private String stamp() throws IOException {
        StringBuilder stamp = new StringBuilder();
        for (Path file : files) {
            stamp.append(Files.getLastModifiedTime(file)).append('/').append(Files.size(file)).append(' ');
        }
        return stamp.toString();
    }

    @Override
    public void close() {
        watch.shutdownNow();
    }
}
