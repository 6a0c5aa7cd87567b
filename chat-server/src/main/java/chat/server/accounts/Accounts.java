package chat.server.accounts;

import chat.common.files.AtomicFile;
import chat.common.files.RecordFile;
import chat.common.protocol.Username;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * The registered names and their password hashes, each an entry {@code name pbkdf2-sha256 ITERATIONS SALT HASH
 * [DAY]}, DAY the epoch day the name was last logged in under or registered (an entry without it counts as seen
 * the day it was loaded). They are kept in the store's table ({@link Table}, one row per name, written before a
 * change is acknowledged) or, without a store, in one file in the server's data directory ({@code accounts}, an
 * entry per line), which every change rewrites crash-safely ({@link AtomicFile}: temporary file, flushed to disk,
 * renamed) before it is acknowledged, so a crash at any moment leaves a file that loads, with every acknowledged
 * change in it. Names are unique ignoring case, as online. Without either (tests, embedding) the accounts live
 * in memory only.
 *
 * <p>Where several nodes serve one chat, the accounts are {@link #share shared}: a change is made in the
 * shared store, which alone decides it, and comes back to every node, this one included, as
 * {@link #applied}; the table (or file) is then each node's copy of the shared accounts, written the same way.
 *
 * <p>Thread-safe. Neither hashing nor writing runs under the lock that lookups take, so a login never waits
 * for a disk. Changes made while the file is being written go to disk together in the next write (one write
 * for many changes, each acknowledged once a write holding it is done). At most one hash per processor is
 * computed at once, logins ahead of account changes ({@link HashSlots}); whatever can be refused without a
 * hash (a name registered already) is refused before one.
 */
public final class Accounts {
    /** The accounts as the nodes of one chat share them (in Redis). */
    public interface Shared {
        /**
         * Stores {@code line} (an entry as the file holds it) under name key {@code key}, or removes the key's
         * entry if {@code line} is null, provided the key is registered now exactly if {@code registered}.
         *
         * @return false if it was not as {@code registered} says: nothing was changed
         * @throws IOException if the store cannot be reached: nothing was changed
         */
        boolean change(String key, String line, boolean registered) throws IOException;
    }

    /** The store's table of accounts: an entry per name key. */
    public interface Table {
        /** Every account: name key to entry. */
        Map<String, String> accounts() throws IOException;

        /** Keeps {@code entry} as the account of {@code nameKey}; null deletes it. */
        void keepAccount(String nameKey, String entry) throws IOException;

        /** Replaces every account by {@code entries} (name key to entry), all or none. */
        void replaceAccounts(Map<String, String> entries) throws IOException;
    }

    /** The least cost a shared account's hash may have, however costly this server's own are. */
    static final int MIN_SHARED_ITERATIONS = 100_000;
    /** The most: a hash that costs a login minutes would be a way to stop it. */
    static final int MAX_SHARED_ITERATIONS = 10_000_000;

    private final Path file; // or null
    private final Table table; // or null; never both
    private final int iterations;
    private final Map<String, Entry> byKey = new TreeMap<>(); // lower-case name -> entry; guarded by this
    private long changes; // changes made to byKey so far; guarded by this
    private final Object writing = new Object(); // held while the file is written; taken before this, never under it
    private long written; // changes the file holds; guarded by writing
    private final HashSlots hashing = new HashSlots(Runtime.getRuntime().availableProcessors());
    private volatile Shared shared; // null: this server alone decides

    private final LongSupplier today; // the epoch day now, in UTC

    /** An account: its name as registered, its hash, its look-alike skeleton, and the day it was last used. */
    private record Entry(String name, PasswordHash hash, String skeleton, long seenDay) {
        Entry(String name, PasswordHash hash, long seenDay) {
            this(name, hash, Username.skeleton(name), seenDay);
        }

        Entry seen(long day) {
            return new Entry(name, hash, skeleton, day);
        }
    }

    private Accounts(Path file, Table table, int iterations, LongSupplier today) {
        this.file = file;
        this.table = table;
        this.iterations = iterations;
        this.today = today;
    }

    /**
     * Loads the store in {@code file} (none yet: empty; null: kept in memory only).
     *
     * @param iterations for new passwords ({@link PasswordHash#DEFAULT_ITERATIONS}; tests use fewer)
     * @throws IOException naming the line if the file is damaged: a server must not start with half its accounts
     */
    public static Accounts load(Path file, int iterations) throws IOException {
        return load(file, iterations, () -> LocalDate.now(ZoneOffset.UTC).toEpochDay());
    }

    /** Like {@link #load(Path, int)}, on the calendar {@code today} gives (the epoch day; tests move it). */
    public static Accounts load(Path file, int iterations, LongSupplier today) throws IOException {
        Accounts accounts = new Accounts(file, null, iterations, today);
        if (file == null) {
            return accounts;
        }
        for (Entry entry : RecordFile.read(file, accounts::decode)) {
            accounts.byKey.put(key(entry.name()), entry);
        }
        return accounts;
    }

    /** Loads the accounts in {@code table}, where every change is kept from now on. */
    public static Accounts inTable(Table table, int iterations) throws IOException {
        return inTable(table, iterations, () -> LocalDate.now(ZoneOffset.UTC).toEpochDay());
    }

    /**
     * Like {@link #inTable(Table, int)}, on the calendar {@code today} gives.
     *
     * @throws IOException naming the entry if one is damaged (checked as a shared one is: anyone who could write
     *     to the store could have written it), or if the table cannot be read
     */
    public static Accounts inTable(Table table, int iterations, LongSupplier today) throws IOException {
        Accounts accounts = new Accounts(null, table, iterations, today);
        for (Map.Entry<String, String> entry : table.accounts().entrySet()) {
            accounts.byKey.put(entry.getKey(), accounts.decodeChecked("the store", entry.getKey(), entry.getValue()));
        }
        return accounts;
    }

    private static String encode(Entry entry) {
        return entry.name() + ' ' + entry.hash().encode() + ' ' + entry.seenDay();
    }

    /** An entry as {@link #encode} writes it; one written before the day was kept counts as seen today. */
    private Entry decode(String line) {
        String[] words = line.split(" ");
        if (words.length != 5 && words.length != 6) {
            throw new IllegalArgumentException("expected: name pbkdf2-sha256 iterations salt hash [day]");
        }
        PasswordHash hash = PasswordHash.decode(String.join(" ", Arrays.copyOfRange(words, 1, 5)));
        long day = words.length == 6 ? Long.parseLong(words[5]) : today.getAsLong();
        return new Entry(words[0], hash, day);
    }

    public synchronized boolean isRegistered(String name) {
        return byKey.containsKey(key(name));
    }

    /**
     * A registered name that looks like {@code name} ({@link chat.common.protocol.Username#skeleton}) but is
     * another, or null. Linear in the accounts, as rare as logins under a new name.
     */
    public synchronized String lookalike(String name) {
        String skeleton = Username.skeleton(name);
        for (Map.Entry<String, Entry> entry : byKey.entrySet()) {
            if (entry.getValue().skeleton().equals(skeleton) && !entry.getKey().equals(key(name))) {
                return entry.getValue().name();
            }
        }
        return null;
    }

    /** {@code name} as it was registered (its case), or null if it is not registered. */
    public synchronized String registeredAs(String name) {
        Entry entry = byKey.get(key(name));
        return entry == null ? null : entry.name();
    }

    public synchronized int size() {
        return byKey.size();
    }

    /** From now on, changes are made in {@code store} and reach this object as {@link #applied}. */
    public void share(Shared store) {
        shared = store;
    }

    /** Every entry, name key to the line the file holds for it: what this server brings to a shared store. */
    public synchronized Map<String, String> lines() {
        Map<String, String> lines = new TreeMap<>();
        byKey.forEach((key, entry) -> lines.put(key, encode(entry)));
        return lines;
    }

    /**
     * Takes the shared store's entries as they are now (at the start, and after the store lost its data),
     * and writes the file.
     *
     * @throws IOException if an entry is damaged or the file cannot be written: the entries are taken anyway
     */
    public void replaceAll(Map<String, String> lines) throws IOException {
        IOException damaged = null;
        long change;
        synchronized (this) {
            byKey.clear();
            for (Map.Entry<String, String> line : lines.entrySet()) {
                try {
                    byKey.put(line.getKey(), decodeChecked("the shared accounts", line.getKey(), line.getValue()));
                } catch (IOException e) {
                    damaged = e;
                }
            }
            change = ++changes;
        }
        save(change, null);
        if (damaged != null) {
            throw damaged;
        }
    }

    /** A change the shared store made (by any node): {@code line} for name key {@code key}, null if removed. */
    public void applied(String key, String line) throws IOException {
        long change;
        synchronized (this) {
            if (line == null) {
                byKey.remove(key);
            } else {
                byKey.put(key, decodeChecked("the shared accounts", key, line));
            }
            change = ++changes;
        }
        save(change, key);
    }

    /**
     * An entry of the shared accounts or the store ({@code where}), checked: anything that can write to Redis or
     * the database could have written it. Its name must be valid and have the key it is stored under, and its hash
     * must cost at least what this server's own cost does (up to {@value #MIN_SHARED_ITERATIONS} iterations), so
     * nobody can slip in an account a guesser breaks at once.
     */
    private Entry decodeChecked(String where, String key, String line) throws IOException {
        Entry entry;
        try {
            entry = decode(line);
        } catch (RuntimeException e) { // NumberFormatException and the rest
            throw new IOException("a damaged entry for " + key + " in " + where + ": " + e.getMessage(), e);
        }
        if (!Username.isValid(entry.name()) || !key(entry.name()).equals(key)) {
            throw new IOException("an entry for " + key + " in " + where + " is for another name");
        }
        if (entry.hash().iterations() < Math.min(iterations, MIN_SHARED_ITERATIONS)
                || entry.hash().iterations() > MAX_SHARED_ITERATIONS || entry.hash().salt().length < 16
                || entry.hash().hash().length != 32) {
            throw new IOException("the entry for " + key + " in " + where + " has a hash of the wrong cost ("
                    + entry.hash().iterations() + " iterations)");
        }
        return entry;
    }

    /**
     * Registers {@code name}; false if it is registered already. Returns once the change is on disk, or in the
     * shared store.
     */
    public boolean register(String name, char[] password) throws IOException {
        if (isRegistered(name)) { // refused before hashing: a refusal costs nothing
            return false;
        }
        Entry entry = new Entry(name, hash(password), today.getAsLong());
        Shared store = shared;
        if (store != null) {
            return store.change(key(name), encode(entry), false);
        }
        return apply(name, old -> old == null ? entry : old);
    }

    /** Whether {@code password} is the password of registered {@code name}; false for a name not registered. */
    public boolean verify(String name, char[] password) {
        Entry entry;
        synchronized (this) {
            entry = byKey.get(key(name));
        }
        if (entry == null) {
            return false;
        }
        hashing.take(true);
        try {
            return onHasher(() -> entry.hash().matches(password));
        } finally {
            hashing.give(true);
        }
    }

    private PasswordHash hash(char[] password) {
        hashing.take(false);
        try {
            return onHasher(() -> PasswordHash.of(password, iterations));
        } finally {
            hashing.give(false);
        }
    }

    /**
     * Platform threads of their own for the hashes: a hash is a third of a second of one processor, and run on
     * a virtual thread it would hold that thread's carrier, so that with as many hashes as carriers no
     * connection's thread could run (chat lines waited 300-400 ms on JDK 25 under a flood of changes). The
     * caller waits parked; {@link HashSlots} decides who may hash, so these threads are never more than busy.
     */
    private static final ExecutorService HASHERS = Executors.newCachedThreadPool(
            new ThreadFactory() {
                private final AtomicInteger number = new AtomicInteger();

                @Override
                public Thread newThread(Runnable task) {
                    Thread thread = new Thread(task, "chat-hash-" + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }
            });

    private static <T> T onHasher(Callable<T> hash) {
        Future<T> result = HASHERS.submit(hash);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true; // a hash is short: wait for it, and pass the interrupt on after
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Replaces the password of registered {@code name}; false if it is not registered. */
    public boolean changePassword(String name, char[] password) throws IOException {
        String registered = registeredAs(name);
        if (registered == null) { // refused before hashing
            return false;
        }
        Entry entry = new Entry(registered, hash(password), today.getAsLong());
        Shared store = shared;
        if (store != null) {
            return store.change(key(name), encode(entry), true);
        }
        return apply(name, old -> old == null ? null : entry);
    }

    /**
     * {@code name} was logged in under now: its entry's day becomes today, written at most once a day per
     * account (with several nodes, a change in the shared store), so that {@link #unusedFor} knows it is in use.
     */
    public void seen(String name) throws IOException {
        long day = today.getAsLong();
        UnaryOperator<Entry> seenToday = old -> old == null || old.seenDay() >= day ? old : old.seen(day);
        Shared store = shared;
        if (store == null) {
            apply(name, seenToday);
            return;
        }
        Entry old;
        synchronized (this) {
            old = byKey.get(key(name));
        }
        Entry now = seenToday.apply(old);
        if (now != old) { // the store decides, and the change comes back as applied
            store.change(key(name), encode(now), true);
        }
    }

    /** The registered names not logged in under (nor registered) for more than {@code days} days. */
    public synchronized List<String> unusedFor(int days) {
        long before = today.getAsLong() - days;
        List<String> unused = new ArrayList<>();
        byKey.values().forEach(e -> {
            if (e.seenDay() < before) {
                unused.add(e.name());
            }
        });
        return unused;
    }

    /** Releases {@code name}; false if it was not registered. */
    public boolean unregister(String name) throws IOException {
        Shared store = shared;
        if (store != null) {
            return store.change(key(name), null, true);
        }
        return apply(name, old -> null);
    }

    /**
     * Replaces {@code name}'s entry (null: none) by what {@code update} makes of it, under the lock, then
     * writes the file; false, changing nothing, when {@code update} returns the entry it was given.
     */
    private boolean apply(String name, UnaryOperator<Entry> update) throws IOException {
        Entry old;
        Entry now;
        long change;
        synchronized (this) {
            old = byKey.get(key(name));
            now = update.apply(old);
            if (now == old) {
                return false;
            }
            if (now == null) {
                byKey.remove(key(name));
            } else {
                byKey.put(key(name), now);
            }
            change = ++changes;
        }
        saveOrUndo(change, name, now, old);
        return true;
    }

    /**
     * Writes change {@code change} to the file; if that fails, puts {@code name}'s entry back as it was
     * ({@code old}, null: none), unless another change replaced {@code now} (its entry after the change) meanwhile.
     */
    private void saveOrUndo(long change, String name, Entry now, Entry old) throws IOException {
        try {
            save(change, key(name));
        } catch (IOException e) {
            synchronized (this) {
                if (byKey.get(key(name)) == now) {
                    if (old == null) {
                        byKey.remove(key(name));
                    } else {
                        byKey.put(key(name), old);
                    }
                    changes++;
                }
            }
            throw e;
        }
    }

    /**
     * Returns once the table or the file holds change {@code change}, made to the entry of {@code key} (null: to
     * them all). Not under the lock. The table is given the entry as it is when the row is written, one row at a
     * time, so that of two changes to one name the later is the one kept whatever order they came in. The file is
     * written by this call, with every change made until it began, or by another call that began after the change
     * was made.
     */
    private void save(long change, String key) throws IOException {
        if (table != null) {
            synchronized (writing) {
                keepInTable(key);
            }
            return;
        }
        if (file == null) {
            return;
        }
        synchronized (writing) {
            if (written >= change) {
                return;
            }
            StringBuilder text = new StringBuilder("# registered names: name pbkdf2-sha256 iterations salt hash day-last-used\n");
            long holding;
            synchronized (this) {
                byKey.values().forEach(e -> text.append(encode(e)).append('\n'));
                holding = changes;
            }
            AtomicFile.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
            written = holding;
        }
    }

    private void keepInTable(String key) throws IOException { // under writing
        if (key == null) {
            table.replaceAccounts(lines());
        } else {
            Entry entry;
            synchronized (this) {
                entry = byKey.get(key);
            }
            table.keepAccount(key, entry == null ? null : encode(entry));
        }
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
