package chat.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * Relays a file through a chat server as two members would (docs/PROTOCOL.md, "File transfer"), over the
 * protocol by hand, and measures it: seconds from the first byte sent to the last received, the rate, and
 * the server's CPU and largest RSS meanwhile. The receiving end discards the bytes (as {@code nc > /dev/null}
 * would), so the figure is the relay's, not a disk's. With {@code --loop-seconds} it relays the file again
 * and again for that long (a background load for a chat workload).
 *
 * <p>Usage: {@code java -cp bench.jar chat.bench.FileBench --port P --file F [--server-pid PID] [--label L]}
 */
@Command(name = "FileBench", mixinStandardHelpOptions = true, description = "Relays a file through a chat server and measures it.")
public final class FileBench implements Callable<Integer> {
    private static final int BUFFER_BYTES = 1 << 20;
    /** The server does not check the hash; the receiver here does not either. */
    private static final String ANY_SHA256 = "0".repeat(64);

    @Option(names = "--port", required = true, description = "The chat port.")
    int port;

    @Option(names = "--file", required = true, description = "The file to relay.")
    Path file;

    @Option(names = "--server-pid", defaultValue = "0", description = "PID of the server, for its CPU and RSS from /proc.")
    long serverPid;

    @Option(names = "--label", defaultValue = "file", description = "Name of this run in the output.")
    String label;

    @Option(names = "--loop-seconds", defaultValue = "0", description = "Relay again and again for this long (0: once).")
    double loopSeconds;

    @Option(names = "--stop-file", description = "With --loop-seconds: stop early once this file exists.")
    Path stopFile;

    public static void main(String[] args) {
        System.exit(new CommandLine(new FileBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        long size = Files.size(file);
        try (Member sender = Member.login(port, "fsend"); Member receiver = Member.login(port, "frecv")) {
            long deadline = System.nanoTime() + (long) (loopSeconds * 1e9);
            int count = 0;
            double seconds = 0;
            do {
                Run run = relay(sender, receiver, size);
                count++;
                seconds += run.seconds;
                if (loopSeconds == 0) {
                    System.out.printf(Locale.ROOT, "%s: %d bytes in %.3f s: %.0f MB/s; server CPU %.2f s, RSS %.0f MiB before, at most %.0f MiB%n",
                            label, size, run.seconds, size / run.seconds / 1e6, run.serverCpu, run.rssBefore, run.rssMax);
                    System.out.printf(Locale.ROOT, "JSON {\"label\":\"%s\",\"bytes\":%d,\"seconds\":%.4f,\"mb_per_s\":%.1f,"
                            + "\"server_cpu_s\":%.3f,\"server_rss_mib_before\":%.1f,\"server_rss_mib_max\":%.1f}%n",
                            label, size, run.seconds, size / run.seconds / 1e6, run.serverCpu, run.rssBefore, run.rssMax);
                }
            } while (System.nanoTime() < deadline && (stopFile == null || !Files.exists(stopFile)));
            if (loopSeconds > 0) {
                System.out.printf(Locale.ROOT, "%s: %d relays of %d bytes, %.0f MB/s on average%n", label, count, size,
                        count * size / seconds / 1e6);
            }
        }
        return 0;
    }

    private record Run(double seconds, double serverCpu, double rssBefore, double rssMax) {}

    private Run relay(Member sender, Member receiver, long size) throws Exception {
        sender.send("/offer frecv " + size + " " + ANY_SHA256 + " " + file.getFileName());
        String offer = receiver.await("OFFER ");
        String id = offer.split(" ")[1];
        receiver.send("/accept " + id);
        String[] senderData = sender.await("DATA " + id + " ").split(" ");
        String[] receiverData = receiver.await("DATA " + id + " ").split(" ");
        try (Socket in = data(Integer.parseInt(receiverData[2]), receiverData[3]);
                Socket out = data(Integer.parseInt(senderData[2]), senderData[3])) {
            AtomicLong received = new AtomicLong();
            AtomicLong lastByteAt = new AtomicLong();
            // both ends move the bytes through direct buffers, never the heap: nc copies no more than that
            Thread reading = new Thread(() -> {
                ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
                try {
                    for (int n = in.getChannel().read(buffer); n >= 0; n = in.getChannel().read(buffer.clear())) {
                        received.addAndGet(n);
                        lastByteAt.set(System.nanoTime());
                    }
                } catch (IOException e) {
                    // counted below
                }
            }, "file-bench-receiver");
            reading.start();
            double cpuBefore = ProcStats.cpuSeconds(serverPid);
            double rssBefore = ProcStats.rssMiB(serverPid);
            double rssMax = rssBefore;
            long start = System.nanoTime();
            long lastSample = start;
            ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
            try (FileChannel source = FileChannel.open(file)) {
                SocketChannel sink = out.getChannel();
                for (int n = source.read(buffer); n >= 0; n = source.read(buffer.clear())) {
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        sink.write(buffer);
                    }
                    long now = System.nanoTime();
                    if (serverPid > 0 && now - lastSample > 50_000_000L) {
                        rssMax = Math.max(rssMax, ProcStats.rssMiB(serverPid));
                        lastSample = now;
                    }
                }
                reading.join(120_000);
            }
            if (received.get() != size) {
                throw new IOException("received " + received.get() + " of " + size + " bytes");
            }
            receiver.await("TRANSFER " + id + " done");
            sender.await("TRANSFER " + id + " done");
            return new Run((lastByteAt.get() - start) / 1e9, ProcStats.cpuSeconds(serverPid) - cpuBefore, rssBefore,
                    Math.max(rssMax, ProcStats.rssMiB(serverPid)));
        }
    }

    /** A data connection, blocking, whose socket has a channel. */
    private static Socket data(int port, String token) throws IOException {
        Socket socket = SocketChannel.open(new InetSocketAddress("127.0.0.1", port)).socket();
        socket.getOutputStream().write(("FILE " + token + "\n").getBytes(StandardCharsets.US_ASCII));
        byte[] ok = socket.getInputStream().readNBytes(3);
        if (!new String(ok, StandardCharsets.US_ASCII).equals("OK\n")) {
            throw new IOException("the server refused the data connection: " + new String(ok, StandardCharsets.US_ASCII));
        }
        return socket;
    }

    /** One end's chat connection, in plain text. */
    private static final class Member implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        private Member(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            this.out = socket.getOutputStream();
        }

        static Member login(int port, String name) throws IOException {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(120_000);
            Member member = new Member(socket);
            member.send(name);
            member.await("WELCOME ");
            return member;
        }

        void send(String line) throws IOException {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        String await(String prefix) throws IOException {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith(prefix)) {
                    return line;
                }
                if (line.startsWith("ERROR ")) {
                    throw new IOException(line);
                }
            }
            throw new IOException("the server closed the connection while waiting for " + prefix);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
