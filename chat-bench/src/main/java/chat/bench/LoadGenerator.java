package chat.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * Drives a whole workload from one thread with one selector, so that the generator costs little and its
 * own CPU can be reported beside the server's: connects and logs in its clients, sends the senders' messages
 * (each carrying {@code #sender,sequence,sendNanos;} and padding), paced or as fast as the server takes them,
 * and frames what every client receives into lines for the {@link DeliveryLedger}.
 */
final class LoadGenerator {
    private static final int READ_BUFFER = 64 * 1024;
    private static final int WRITE_CHUNK = 16 * 1024;
    private long sendersWrites; // writes of unpaced senders' lines, without TLS; the selector thread's
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** After the logins: the server counts as quiet once it used at most one clock tick in each of two moments. */
    private static final int QUIET_WAIT_SECONDS = 5;
    private static final long QUIET_MOMENT_MILLIS = 200;
    private static final double QUIET_CPU_SECONDS = 0.01;

    private final Workload w;
    private final String run = runTag(); // in the clients' names
    private final SSLContext tls; // null: plain text
    private final Selector selector;
    private final Client[] clients;
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER);
    private final DeliveryLedger ledger;
    private int loggedIn;
    private int connecting;
    private int failed;

    /** One simulated person. */
    private final class Client {
        final int id;
        SocketChannel channel;
        ByteBuffer in; // bytes of an unfinished line, between reads
        ByteBuffer out = ByteBuffer.allocate(0); // plaintext queued
        TlsLink tls; // null: plain text
        boolean ready;
        int sent;
        long nextSendAt;

        Client(int id) {
            this.id = id;
        }

        boolean isSender() {
            return id < w.senders();
        }
    }

    /** @param tls the context to talk TLS with, or null for plain text */
    LoadGenerator(Workload workload, SSLContext tls) throws IOException {
        this.w = workload;
        this.tls = tls;
        this.selector = Selector.open();
        this.clients = new Client[w.clients()];
        this.ledger = new DeliveryLedger(w.clients(), w.senders(), w.messages(),
                (int) Math.min(w.expectedDeliveries(), 50_000_000L), w::roomOf);
    }

    Results run(String label) throws IOException {
        warmUpParser(w);
        List<Long> pid = w.serverPids();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(w.timeLimitSeconds());
        double serverCpuStart = ProcStats.cpuSeconds(pid);
        long loginStart = System.nanoTime();
        connectAll(deadline);
        double loginSeconds = (System.nanoTime() - loginStart) / 1e9;
        awaitQuiet(pid);
        double serverCpuAfterLogin = ProcStats.cpuSeconds(pid);
        long serverWritesAfterLogin = ProcStats.writes(pid);

        long self = ProcessHandle.current().pid();
        double generatorCpuStart = ProcStats.cpuSeconds(self);
        double redisCpuStart = w.redisPid() > 0 ? ProcStats.cpuSeconds(w.redisPid()) : Double.NaN;
        long firstSend = System.nanoTime();
        double interval = w.ratePerSender() > 0 ? 1e9 / w.ratePerSender() : 0;
        for (int i = 0; i < w.senders(); i++) {
            clients[i].nextSendAt = firstSend + (w.spread() ? (long) (interval * i / w.senders()) : 0);
        }
        ledger.startAt(firstSend);
        long unique = sendAndReceive(deadline);
        long end = Math.max(ledger.lastDelivery(), firstSend + 1);
        double seconds = (end - firstSend) / 1e9;
        double generatorCpu = ProcStats.cpuSeconds(self) - generatorCpuStart;
        double serverCpu = ProcStats.cpuSeconds(pid) - serverCpuAfterLogin;
        double redisCpu = w.redisPid() > 0 ? ProcStats.cpuSeconds(w.redisPid()) - redisCpuStart : Double.NaN;
        double rss = ProcStats.rssMiB(pid);
        long writesNow = ProcStats.writes(pid);
        long serverWrites = writesNow < 0 || serverWritesAfterLogin < 0 ? -1 : writesNow - serverWritesAfterLogin;
        closeAll();

        int[] sorted = ledger.sortedLatencies();
        return new Results(label, w.dialectName(), loggedIn, w.senders(),
                w.messages(), w.ratePerSender(), loginSeconds, w.expectedDeliveries(), unique,
                w.expectedDeliveries() - unique, ledger.duplicated(), ledger.outOfOrder(), ledger.garbled(), seconds,
                unique / seconds, DeliveryLedger.percentile(sorted, 0.50), DeliveryLedger.percentile(sorted, 0.99),
                DeliveryLedger.percentile(sorted, 1.0),
                unique == 0 ? Double.NaN : 100 * generatorCpu / seconds, serverCpu, serverCpuAfterLogin - serverCpuStart, rss, serverWrites,
                redisCpu);
    }

    /**
     * Waits, for at most a few seconds, until the server has used almost no CPU for two moments in a row, so that
     * what its logins left behind (above all its JIT compiling the login path, which a server on one core did
     * well into the measured phase) is not counted as the cost of deliveries. A server that is idle after its
     * logins, as a C server is, passes at once.
     */
    private static void awaitQuiet(List<Long> pid) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(QUIET_WAIT_SECONDS);
        double before = ProcStats.cpuSeconds(pid);
        int quietMoments = 0;
        while (quietMoments < 2 && !Double.isNaN(before) && System.nanoTime() < until) {
            try {
                Thread.sleep(QUIET_MOMENT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            double now = ProcStats.cpuSeconds(pid);
            quietMoments = now - before <= QUIET_CPU_SECONDS ? quietMoments + 1 : 0;
            before = now;
        }
    }

    /**
     * Reads made-up deliveries through the line parser before anything is measured, so that the JIT compiles
     * it now rather than on the generator's core while the server is being measured: in a run of half a second
     * the generator spent a large part of its core compiling and interpreting.
     */
    private static void warmUpParser(Workload real) throws IOException {
        Workload made = new Workload("127.0.0.1", 1, real.dialect(), 50, 50, 1_000, 0, real.payloadBytes(), 1, 1, 0);
        LoadGenerator warm = new LoadGenerator(made, null);
        List<byte[]> delivered = new ArrayList<>();
        for (int seq = 0; seq < made.messages(); seq++) {
            for (int id = 0; id < made.senders(); id++) {
                Client sender = warm.new Client(id);
                sender.sent = seq;
                delivered.add(("MSG warm " + new String(warm.message(sender), StandardCharsets.ISO_8859_1))
                        .getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        Client reader = warm.new Client(1);
        reader.ready = true;
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        for (int round = 0; round < 40 && System.nanoTime() < until; round++) {
            warm.ledger.open(1);
            ByteBuffer buf = warm.readBuffer;
            for (byte[] line : delivered) {
                if (buf.remaining() < line.length) {
                    warm.lines(reader, null, buf, System.nanoTime());
                    buf.clear();
                }
                buf.put(line);
            }
        }
        warm.selector.close();
    }

    // ---- login phase ----

    private void connectAll(long deadline) throws IOException {
        int next = 0;
        while (loggedIn + failed < w.clients() && System.nanoTime() < deadline) {
            while (connecting < w.connectBurst() && next < w.clients()) {
                open(next++);
            }
            pump(100);
        }
    }

    private void open(int id) throws IOException {
        Client c = new Client(id);
        clients[id] = c;
        ledger.open(id);
        c.channel = SocketChannel.open();
        c.channel.configureBlocking(false);
        c.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        connecting++;
        if (c.channel.connect(new InetSocketAddress(w.host(), w.portOf(id)))) {
            connected(c, c.channel.register(selector, SelectionKey.OP_READ, c));
        } else {
            c.channel.register(selector, SelectionKey.OP_CONNECT, c);
        }
    }

    private void connected(Client c, SelectionKey key) throws IOException {
        key.interestOps(SelectionKey.OP_READ);
        if (tls != null) {
            c.tls = new TlsLink(tls, w.host(), w.portOf(c.id));
            c.tls.advance(chunk -> { }); // the ClientHello: nothing to read yet
            flushTls(c, key);
            return;
        }
        sendLogin(c, key);
    }

    private void sendLogin(Client c, SelectionKey key) {
        byte[] login = login(c.id);
        if (login.length > 0) {
            queue(c, key, login);
        }
    }

    /** Three random letters: another run's names differ (1 in 17,576 alike). */
    private static String runTag() {
        int n = ThreadLocalRandom.current().nextInt(26 * 26 * 26);
        return "" + (char) ('a' + n % 26) + (char) ('a' + n / 26 % 26) + (char) ('a' + n / 676);
    }

    /** The bytes client {@code id} of this run logs in with. */
    byte[] login(int id) {
        return w.dialectOf(id).login(run, id, w.roomOf(id));
    }

    private void markLoggedIn(Client c) {
        if (!c.ready) {
            c.ready = true;
            loggedIn++;
            connecting--;
        }
    }

    private void fail(Client c, SelectionKey key) {
        key.cancel();
        try {
            c.channel.close();
        } catch (IOException e) {
            // already gone
        }
        if (!c.ready) {
            failed++;
            connecting--;
        }
        c.ready = false;
    }

    // ---- measured phase ----

    private long sendAndReceive(long deadline) throws IOException {
        long target = w.expectedDeliveries();
        double interval = w.ratePerSender() > 0 ? 1e9 / w.ratePerSender() : 0;
        for (int i = 0; i < w.senders(); i++) {
            Client c = clients[i];
            if (c != null && c.ready && interval == 0) {
                c.channel.keyFor(selector).interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
        }
        while (ledger.delivered() < target) {
            long now = System.nanoTime();
            if (now > deadline || (allSent() && now - ledger.lastDelivery() > IDLE_NANOS)) {
                break;
            }
            long wait = 100;
            if (interval > 0) {
                wait = Math.max(1, TimeUnit.NANOSECONDS.toMillis(sendDue(now, (long) interval) - now));
            }
            pump(wait);
        }
        return ledger.delivered();
    }

    private boolean allSent() {
        for (int i = 0; i < w.senders(); i++) {
            Client c = clients[i];
            if (c != null && c.ready && (c.sent < w.messages() || c.out.hasRemaining())) {
                return false;
            }
        }
        return true;
    }

    /** How many writes the unpaced senders made (without TLS), once {@link #run} returned. */
    long sendersWrites() {
        return sendersWrites;
    }

    /** Queues the paced messages that are due; returns when the next one is. */
    private long sendDue(long now, long interval) {
        long next = Long.MAX_VALUE;
        for (int i = 0; i < w.senders(); i++) {
            Client c = clients[i];
            if (c == null || !c.ready || c.sent >= w.messages()) {
                continue;
            }
            if (c.nextSendAt <= now) {
                queue(c, c.channel.keyFor(selector), message(c));
                c.nextSendAt += interval;
            }
            next = Math.min(next, c.nextSendAt);
        }
        return next == Long.MAX_VALUE ? now + TimeUnit.MILLISECONDS.toNanos(100) : next;
    }

    private byte[] message(Client c) {
        StringBuilder payload = new StringBuilder(w.payloadBytes())
                .append('#').append(c.id).append(',').append(c.sent++).append(',').append(System.nanoTime()).append(';');
        while (payload.length() < w.payloadBytes()) {
            payload.append('x');
        }
        return w.dialectOf(c.id).message(payload.toString(), w.roomOf(c.id));
    }

    /** Fills an unpaced sender's output with as many messages as one chunk holds. */
    private void refill(Client c) {
        ByteBuffer chunk = ByteBuffer.allocate(w.writeBatch() > 0 ? w.writeBatch() : WRITE_CHUNK);
        while (c.sent < w.messages()) {
            byte[] m = message(c);
            if (m.length > chunk.remaining()) {
                c.sent--; // not sent after all: the next chunk takes it
                break;
            }
            chunk.put(m);
        }
        chunk.flip();
        c.out = chunk;
    }

    // ---- I/O ----

    private void pump(long timeoutMillis) throws IOException {
        selector.select(timeoutMillis);
        for (SelectionKey key : selector.selectedKeys()) {
            Client c = (Client) key.attachment();
            try {
                if (key.isValid() && key.isConnectable()) {
                    c.channel.finishConnect();
                    connected(c, key);
                }
                if (key.isValid() && key.isReadable()) {
                    read(c, key);
                }
                if (key.isValid() && key.isWritable()) {
                    write(c, key);
                }
            } catch (IOException e) {
                fail(c, key);
            }
        }
        selector.selectedKeys().clear();
    }

    private void queue(Client c, SelectionKey key, byte[] bytes) {
        if (c.out.hasRemaining()) {
            ByteBuffer joined = ByteBuffer.allocate(c.out.remaining() + bytes.length);
            joined.put(c.out).put(bytes).flip();
            c.out = joined;
        } else {
            c.out = ByteBuffer.wrap(bytes);
        }
        key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
    }

    /**
     * Writes what the client has queued until the socket is full; an unpaced sender refills as it goes (or, with a
     * write batch, writes one and waits for the next wakeup).
     * Through TLS, pending ciphertext goes first, then the handshake, then queued plaintext is wrapped.
     */
    private void write(Client c, SelectionKey key) throws IOException {
        boolean unpaced = w.ratePerSender() == 0 && c.isSender() && c.ready;
        while (true) {
            if (c.tls != null) {
                if (!c.tls.flush(c.channel)) {
                    return; // the socket is full: wait until it is writable again
                }
                if (!c.tls.handshaken()) {
                    advanceTls(c, key, System.nanoTime());
                    if (!c.tls.pendingOut()) {
                        key.interestOps(SelectionKey.OP_READ | (c.out.hasRemaining() ? SelectionKey.OP_WRITE : 0));
                        return;
                    }
                    continue;
                }
            }
            if (!c.out.hasRemaining()) {
                if (unpaced && c.sent < w.messages()) {
                    refill(c);
                } else {
                    key.interestOps(SelectionKey.OP_READ); // (through TLS, everything wrapped was flushed above)
                    return;
                }
            }
            if (c.tls != null) {
                c.tls.wrap(c.out); // flushed at the top of the loop
            } else {
                c.channel.write(c.out);
                if (unpaced) {
                    sendersWrites++;
                }
                if (c.out.hasRemaining()) {
                    return; // the socket is full: wait until it is writable again
                }
            }
            if (unpaced && w.writeBatch() > 0 && !c.out.hasRemaining()) {
                if (c.tls != null) {
                    c.tls.flush(c.channel); // what is left goes first at the next wakeup
                }
                return; // one batch per wakeup: the next sender's turn
            }
        }
    }

    /** Runs the TLS handshake forward and reads what was unwrapped; logs in once the handshake is done. */
    private void advanceTls(Client c, SelectionKey key, long now) throws IOException {
        boolean before = c.tls.handshaken();
        c.tls.advance(chunk -> {
            ByteBuffer buf = readBuffer;
            buf.clear();
            if (c.in != null && c.in.remaining() + chunk.remaining() <= buf.capacity()) {
                buf.put(c.in);
            } else if (c.in != null) {
                ledger.unframed(); // an endless line: not ours
            }
            c.in = null;
            buf.put(chunk);
            lines(c, key, buf, now);
        });
        if (!before && c.tls.handshaken()) {
            sendLogin(c, key);
        }
    }

    /** Writes pending ciphertext, and goes on with a handshake that waited for room to wrap its next message. */
    private void flushTls(Client c, SelectionKey key) throws IOException {
        while (true) {
            if (!c.tls.flush(c.channel)) {
                key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
                return;
            }
            if (c.tls.handshaken() || !c.tls.wantsWrap()) {
                return;
            }
            advanceTls(c, key, System.nanoTime());
        }
    }

    private void read(Client c, SelectionKey key) throws IOException {
        if (c.tls != null) {
            if (c.channel.read(c.tls.netIn()) < 0) {
                fail(c, key);
                return;
            }
            advanceTls(c, key, System.nanoTime());
            flushTls(c, key);
            return;
        }
        ByteBuffer buf = readBuffer;
        buf.clear();
        if (c.in != null) {
            buf.put(c.in);
            c.in = null;
        }
        int n = c.channel.read(buf);
        if (n < 0) {
            fail(c, key);
            return;
        }
        lines(c, key, buf, System.nanoTime());
    }

    /** Reads every whole line in {@code buf} (filled up to its position); keeps an unfinished one for later. */
    private void lines(Client c, SelectionKey key, ByteBuffer buf, long now) {
        byte[] a = buf.array();
        int end = buf.position();
        int start = 0;
        int newline;
        while ((newline = ByteScan.indexOf(a, (byte) '\n', start, end)) >= 0) {
            int lineEnd = newline > start && a[newline - 1] == '\r' ? newline - 1 : newline;
            line(c, key, a, start, lineEnd, now);
            start = newline + 1;
        }
        if (start < end) {
            if (start == 0 && end == a.length) {
                ledger.unframed(); // a line longer than the buffer: not ours
            } else {
                c.in = ByteBuffer.wrap(Arrays.copyOfRange(a, start, end));
            }
        }
    }

    private void line(Client c, SelectionKey key, byte[] a, int from, int to, long now) {
        if (!c.ready || a[from] == 'P') {
            String text = new String(a, from, to - from, StandardCharsets.ISO_8859_1);
            byte[] reply = w.dialectOf(c.id).reply(text);
            if (reply != null) {
                queue(c, key, reply);
            }
            if (!c.ready && w.dialectOf(c.id).completesLogin(text, w.roomOf(c.id))) {
                markLoggedIn(c);
            }
            return;
        }
        if (a[from] == 'H') {
            return; // HISTORY: lines of an earlier run, shown to a newcomer; not deliveries of this one
        }
        ledger.received(c.id, a, from, to, now);
    }

    private void closeAll() {
        for (Client c : clients) {
            if (c != null && c.channel != null) {
                try {
                    c.channel.close();
                } catch (IOException e) {
                    // closing is all we wanted
                }
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            // closing is all we wanted
        }
    }
}
