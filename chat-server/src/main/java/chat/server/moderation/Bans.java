package chat.server.moderation;

import chat.common.io.AtomicFile;
import chat.common.io.RecordFile;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The bans, kept in {@code bans} in the server's data directory (one per line:
 * {@code UNTIL NAME NETWORK BY CREATED REASON}, {@code -} for none, times as ISO instants) and rewritten
 * crash-safely ({@link AtomicFile}) before a change is acknowledged. Ended bans are ignored, and dropped at
 * the next change. Without a file (tests, embedding) the bans live in memory only. Thread-safe.
 */
public final class Bans {
    private final Path file; // null: memory only
    private final Clock clock;
    private final List<Ban> bans = new ArrayList<>(); // guarded by this

    private Bans(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /**
     * Loads {@code file} (none yet: no bans; null: kept in memory only).
     *
     * @throws IOException naming the line if the file is damaged: a server must not start with half its bans
     */
    public static Bans load(Path file, Clock clock) throws IOException {
        Bans loaded = new Bans(file, clock);
        if (file == null) {
            return loaded;
        }
        loaded.bans.addAll(RecordFile.read(file, Bans::decode));
        return loaded;
    }

    /** The ban in force on {@code address}, or null. */
    public synchronized Ban onAddress(InetAddress address) {
        Instant now = clock.instant();
        return bans.stream().filter(b -> b.inForce(now) && b.bansAddress(address)).findFirst().orElse(null);
    }

    /** The ban in force on {@code name} (any case), or null. */
    public synchronized Ban onName(String name) {
        Instant now = clock.instant();
        return bans.stream().filter(b -> b.inForce(now) && b.bansName(name)).findFirst().orElse(null);
    }

    /** Adds {@code ban}; returns once it is on disk. */
    public synchronized void add(Ban ban) throws IOException {
        List<Ban> before = List.copyOf(bans);
        bans.removeIf(b -> !b.inForce(clock.instant()));
        bans.add(ban);
        saveOrUndo(before);
    }

    /** Lifts every ban {@code target} names; returns them (none: nothing changed). */
    public synchronized List<Ban> remove(String target) throws IOException {
        List<Ban> before = List.copyOf(bans);
        List<Ban> removed = new ArrayList<>();
        bans.removeIf(b -> b.isNamedBy(target) && removed.add(b));
        if (!removed.isEmpty()) {
            bans.removeIf(b -> !b.inForce(clock.instant()));
            saveOrUndo(before);
        }
        return removed;
    }

    /** The bans in force, oldest first. */
    public synchronized List<Ban> inForce() {
        Instant now = clock.instant();
        return bans.stream().filter(b -> b.inForce(now)).toList();
    }

    public Instant now() {
        return clock.instant();
    }

    private void saveOrUndo(List<Ban> before) throws IOException { // under the lock
        if (file == null) {
            return;
        }
        StringBuilder text = new StringBuilder("# bans: until name network by created reason ('-': none)\n");
        bans.forEach(b -> text.append(encode(b)).append('\n'));
        try {
            AtomicFile.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            bans.clear();
            bans.addAll(before);
            throw e;
        }
    }

    static String encode(Ban ban) {
        return String.join(" ", orDash(ban.until()), orDash(ban.name()), orDash(ban.network()), ban.by(),
                ban.created().toString(), ban.reason()).stripTrailing();
    }

    static Ban decode(String line) {
        String[] f = line.split(" ", 6);
        if (f.length < 5) {
            throw new IllegalArgumentException("expected: until name network by created reason");
        }
        Network network = f[2].equals("-") ? null : Network.parse(f[2]);
        if (network == null && !f[2].equals("-")) {
            throw new IllegalArgumentException("not a network: " + f[2]);
        }
        return new Ban(f[1].equals("-") ? null : f[1], network, f[0].equals("-") ? null : Instant.parse(f[0]), f[3],
                Instant.parse(f[4]), f.length > 5 ? f[5] : "");
    }

    private static String orDash(Object value) {
        return value == null ? "-" : value.toString();
    }
}
