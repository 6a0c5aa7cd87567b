package chat.server.moderation;

import chat.common.files.AtomicFile;
import chat.common.files.RecordFile;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The bans, each an entry {@code UNTIL NAME NETWORK BY CREATED REASON} ({@code -} for none, times as ISO
 * instants), kept before a change is acknowledged: in the store's table ({@link Table}, a row per ban) or, without
 * a store, in {@code bans} in the server's data directory (an entry per line), rewritten crash-safely ({@link
 * AtomicFile}). Ended bans are ignored, and dropped at the next change. Without either (tests, embedding) the bans
 * live in memory only. Thread-safe.
 *
 * <p>Where several nodes serve one chat, the bans are {@link #share shared}: a change is made in the shared
 * store and comes back to every node, this one included, as {@link #applied}; the table (or file) is each node's
 * copy.
 */
public final class Bans {
    /** The bans as the nodes of one chat share them (in Redis). */
    public interface Shared {
        /**
         * Adds the bans {@code added} and removes {@code removed} (entries as {@link Table} holds them) in the
         * shared store.
         *
         * @throws IOException if the store cannot be reached: nothing was changed
         */
        void change(List<String> added, List<String> removed) throws IOException;
    }

    /** The store's table of bans. */
    public interface Table {
        /** Every ban kept, oldest first. */
        List<String> bans() throws IOException;

        /** Adds the bans {@code added} and deletes {@code removed}, all or none. */
        void changeBans(Collection<String> added, Collection<String> removed) throws IOException;
    }

    private final Path file; // or null
    private final Table table; // or null; never both
    private final Clock clock;
    private final List<Ban> bans = new ArrayList<>(); // guarded by this
    private volatile Shared shared; // null: this server alone decides
    private volatile Map<String, Instant> namesBanned = Map.of(); // name key -> until (Instant.MAX: for good), of the bans

    private Bans(Path file, Table table, Clock clock) {
        this.file = file;
        this.table = table;
        this.clock = clock;
    }

    /**
     * Loads {@code file} (none yet: no bans; null: kept in memory only).
     *
     * @throws IOException naming the line if the file is damaged: a server must not start with half its bans
     */
    public static Bans load(Path file, Clock clock) throws IOException {
        Bans loaded = new Bans(file, null, clock);
        if (file == null) {
            return loaded;
        }
        loaded.bans.addAll(RecordFile.read(file, Bans::decode));
        loaded.namesBanned = namesOf(loaded.bans);
        return loaded;
    }

    /**
     * Loads the bans in {@code table}, where every change is kept from now on.
     *
     * @throws IOException naming the ban if one is damaged, or if the table cannot be read
     */
    public static Bans inTable(Table table, Clock clock) throws IOException {
        Bans loaded = new Bans(null, table, clock);
        for (String line : table.bans()) {
            loaded.bans.add(decodeChecked("the store", line));
        }
        loaded.namesBanned = namesOf(loaded.bans);
        return loaded;
    }

    /** The ban in force on {@code address}, or null. */
    public synchronized Ban onAddress(InetAddress address) {
        Instant now = clock.instant();
        return bans.stream().filter(b -> b.inForce(now) && b.bansAddress(address)).findFirst().orElse(null);
    }

    /**
     * Whether a ban in force names {@code name} (any case): without a lock, for every line a node reads from the
     * stream, so that a line on its way as its speaker was banned is not delivered.
     */
    public boolean bansNameNow(String name) {
        Instant until = namesBanned.get(name.toLowerCase(Locale.ROOT));
        return until != null && clock.instant().isBefore(until);
    }

    /** Whether any ban names a name (in force or not): when none does (nearly always), no line's speaker is looked at. */
    public boolean namesAny() {
        return !namesBanned.isEmpty();
    }

    private static Map<String, Instant> namesOf(List<Ban> bans) {
        Map<String, Instant> names = new HashMap<>();
        for (Ban ban : bans) {
            if (ban.name() != null) {
                names.merge(ban.name().toLowerCase(Locale.ROOT), ban.until() == null ? Instant.MAX : ban.until(),
                        (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        return Map.copyOf(names);
    }

    /** The ban in force on {@code name} (any case), or null. */
    public synchronized Ban onName(String name) {
        Instant now = clock.instant();
        return bans.stream().filter(b -> b.inForce(now) && b.bansName(name)).findFirst().orElse(null);
    }

    /** From now on, changes are made in {@code store} and reach this object as {@link #applied}. */
    public void share(Shared store) {
        shared = store;
    }

    /** The bans in force, as the file holds them: what this server brings to a shared store. */
    public synchronized List<String> lines() {
        return inForce().stream().map(Bans::encode).toList();
    }

    /**
     * Takes the shared store's bans as they are now (at the start, and after the store lost its data), and
     * writes the file.
     *
     * @throws IOException if a ban is damaged or the file cannot be written: the others are taken anyway
     */
    public synchronized void replaceAll(Collection<String> lines) throws IOException {
        List<Ban> before = List.copyOf(bans);
        bans.clear();
        IOException damaged = null;
        for (String line : lines) {
            try {
                bans.add(decodeChecked("the shared bans", line));
            } catch (IOException e) {
                damaged = e;
            }
        }
        write(before);
        if (damaged != null) {
            throw damaged;
        }
    }

    /**
     * A change the shared store made (by any node): {@code line} added, or removed.
     *
     * @return the ban added, to remove the members it bans; null for a removal
     */
    public synchronized Ban applied(String line, boolean added) throws IOException {
        Ban ban = decodeChecked("the shared bans", line);
        List<Ban> before = List.copyOf(bans);
        bans.removeIf(b -> encode(b).equals(line));
        if (added) {
            bans.add(ban);
        }
        write(before);
        return added ? ban : null;
    }

    /** A ban of the shared bans or the store ({@code where}): anyone who could write there could have written it. */
    private static Ban decodeChecked(String where, String line) throws IOException {
        try {
            return decode(line);
        } catch (RuntimeException e) {
            throw new IOException("a damaged ban in " + where + " (" + line + "): " + e.getMessage(), e);
        }
    }

    /** The bans that have ended, as the file holds them: dropped from a shared store at the next change. */
    private List<String> ended() {
        Instant now = clock.instant();
        return bans.stream().filter(b -> !b.inForce(now)).map(Bans::encode).toList();
    }

    /** Adds {@code ban}; returns once it is on disk, or in the shared store. */
    public void add(Ban ban) throws IOException {
        Shared store = shared;
        if (store != null) {
            List<String> ended;
            synchronized (this) {
                ended = ended();
            }
            store.change(List.of(encode(ban)), ended);
            return;
        }
        addHere(ban);
    }

    private synchronized void addHere(Ban ban) throws IOException {
        List<Ban> before = List.copyOf(bans);
        bans.removeIf(b -> !b.inForce(clock.instant()));
        bans.add(ban);
        saveOrUndo(before);
    }

    /** Lifts every ban {@code target} names; returns them (none: nothing changed). */
    public List<Ban> remove(String target) throws IOException {
        Shared store = shared;
        if (store == null) {
            return removeHere(target);
        }
        List<Ban> named;
        List<String> removed = new ArrayList<>();
        synchronized (this) {
            named = bans.stream().filter(b -> b.isNamedBy(target)).toList();
            named.forEach(b -> removed.add(encode(b)));
            removed.addAll(ended());
        }
        if (!named.isEmpty()) {
            store.change(List.of(), removed);
        }
        return named;
    }

    private synchronized List<Ban> removeHere(String target) throws IOException {
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
        try {
            write(before);
        } catch (IOException e) {
            bans.clear();
            bans.addAll(before);
            namesBanned = namesOf(bans);
            throw e;
        }
    }

    /** Keeps the bans as they are now, {@code before} being what was kept last. Under the lock. */
    private void write(List<Ban> before) throws IOException {
        namesBanned = namesOf(bans);
        if (table != null) {
            Set<String> was = new LinkedHashSet<>(before.stream().map(Bans::encode).toList());
            Set<String> now = new LinkedHashSet<>(bans.stream().map(Bans::encode).toList());
            table.changeBans(now.stream().filter(b -> !was.contains(b)).toList(),
                    was.stream().filter(b -> !now.contains(b)).toList());
            return;
        }
        if (file == null) {
            return;
        }
        StringBuilder text = new StringBuilder("# bans: until name network by created reason ('-': none)\n");
        bans.forEach(b -> text.append(encode(b)).append('\n'));
        AtomicFile.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
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
