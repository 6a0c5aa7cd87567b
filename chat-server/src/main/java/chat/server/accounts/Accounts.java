package chat.server.accounts;

import chat.common.io.AtomicFile;
import chat.common.io.RecordFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;

/**
 * The registered names and their password hashes, in one file in the server's data directory
 * ({@code accounts}: {@code name pbkdf2-sha256 ITERATIONS SALT HASH} per line). Every change rewrites it
 * crash-safely ({@link AtomicFile}: temporary file, flushed to disk, renamed) before it is acknowledged, so
 * a crash at any moment leaves a file that loads, with every acknowledged change in it. Names are unique
 * ignoring case, as online. Without a file (tests, embedding) the accounts live in memory only.
 *
 * <p>Thread-safe; hashing runs outside the lock, writing inside it. At most one hash per processor is
 * computed at once (the others wait), so a storm of logins or registrations slows itself, not the machine.
 */
public final class Accounts {
    private final Path file;
    private final int iterations;
    private final Map<String, Entry> byKey = new TreeMap<>(); // lower-case name -> entry; guarded by this
    private final Semaphore hashing = new Semaphore(Runtime.getRuntime().availableProcessors());

    private record Entry(String name, PasswordHash hash) {}

    private Accounts(Path file, int iterations) {
        this.file = file;
        this.iterations = iterations;
    }

    /**
     * Loads the store in {@code file} (none yet: empty; null: kept in memory only).
     *
     * @param iterations for new passwords ({@link PasswordHash#DEFAULT_ITERATIONS}; tests use fewer)
     * @throws IOException naming the line if the file is damaged: a server must not start with half its accounts
     */
    public static Accounts load(Path file, int iterations) throws IOException {
        Accounts accounts = new Accounts(file, iterations);
        if (file == null) {
            return accounts;
        }
        for (Entry entry : RecordFile.read(file, Accounts::decode)) {
            accounts.byKey.put(key(entry.name()), entry);
        }
        return accounts;
    }

    private static Entry decode(String line) {
        int space = line.indexOf(' ');
        return new Entry(line.substring(0, space), PasswordHash.decode(line.substring(space + 1)));
    }

    public synchronized boolean isRegistered(String name) {
        return byKey.containsKey(key(name));
    }

    /** {@code name} as it was registered (its case), or null if it is not registered. */
    public synchronized String registeredAs(String name) {
        Entry entry = byKey.get(key(name));
        return entry == null ? null : entry.name();
    }

    public synchronized int size() {
        return byKey.size();
    }

    /** Registers {@code name}; false if it is registered already. Returns once the change is on disk. */
    public boolean register(String name, char[] password) throws IOException {
        PasswordHash hash = hash(password);
        synchronized (this) {
            if (byKey.containsKey(key(name))) {
                return false;
            }
            byKey.put(key(name), new Entry(name, hash));
            saveOrUndo(name, null);
            return true;
        }
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
        hashing.acquireUninterruptibly();
        try {
            return entry.hash().matches(password);
        } finally {
            hashing.release();
        }
    }

    private PasswordHash hash(char[] password) {
        hashing.acquireUninterruptibly();
        try {
            return PasswordHash.of(password, iterations);
        } finally {
            hashing.release();
        }
    }

    /** Replaces the password of registered {@code name}; false if it is not registered. */
    public boolean changePassword(String name, char[] password) throws IOException {
        PasswordHash hash = hash(password);
        synchronized (this) {
            Entry old = byKey.get(key(name));
            if (old == null) {
                return false;
            }
            byKey.put(key(name), new Entry(old.name(), hash));
            saveOrUndo(name, old);
            return true;
        }
    }

    /** Releases {@code name}; false if it was not registered. */
    public synchronized boolean unregister(String name) throws IOException {
        Entry old = byKey.remove(key(name));
        if (old == null) {
            return false;
        }
        saveOrUndo(name, old);
        return true;
    }

    /** Writes the file; if that fails, puts {@code name}'s entry back as it was ({@code old}, null: none). Under the lock. */
    private void saveOrUndo(String name, Entry old) throws IOException {
        try {
            save();
        } catch (IOException e) {
            if (old == null) {
                byKey.remove(key(name));
            } else {
                byKey.put(key(name), old);
            }
            throw e;
        }
    }

    private void save() throws IOException { // under the lock
        if (file == null) {
            return;
        }
        StringBuilder text = new StringBuilder("# registered names: name pbkdf2-sha256 iterations salt hash\n");
        byKey.values().forEach(e -> text.append(e.name()).append(' ').append(e.hash().encode()).append('\n'));
        AtomicFile.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
