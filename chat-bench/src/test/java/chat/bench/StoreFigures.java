package chat.bench;

import chat.common.protocol.EventCodec;
import chat.common.protocol.RoomName;
import chat.common.protocol.ServerEvent;
import chat.server.TestPostgres;
import chat.server.store.PostgresStore;
import chat.server.store.SqliteStore;
import chat.server.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The store's figures for docs/BENCHMARKS.md, on this machine, for both engines: lines kept per second in the
 * writer's batches of 1,000; {@code /search} over a million lines (p50, p99); a newcomer's history (the last 50
 * lines) and a {@code /history} page (20 lines further back). Not a test: run by {@code chat-bench/store.sh}
 * (LINES to change the million), which prints the figures.
 */
class StoreFigures {
    private static final int LINES = Integer.getInteger("store.lines", 1_000_000);
    private static final int BATCH = 1_000; // the writer's
    private static final int QUERIES = 300;
    private static final String GENERAL = RoomName.DEFAULT.key();

    @Test
    void sqlite() throws IOException {
        Path dir = Files.createTempDirectory("store-figures");
        measure("SQLite", () -> SqliteStore.open(dir), dir);
    }

    @Test
    void postgresql() throws SQLException {
        String database = TestPostgres.newDatabase();
        measure("PostgreSQL", () -> PostgresStore.open(database, null), null);
        try (Connection c = TestPostgres.connect(database); Statement s = c.createStatement();
                ResultSet size = s.executeQuery("SELECT pg_database_size(current_database())")) {
            size.next();
            print("PostgreSQL: database %.0f MB for %,d lines", size.getLong(1) / 1e6, LINES);
        }
    }

    private static void measure(String engine, Supplier<Store> open, Path dir) {
        try (Store store = open.get()) {
            Random random = new Random(42);
            String[] words = words(random, 5_000);
            long start = System.nanoTime();
            long stamp = 1_700_000_000_000L;
            for (int kept = 0; kept < LINES; kept += BATCH) {
                List<Store.Said> batch = new ArrayList<>(BATCH);
                for (int i = 0; i < BATCH; i++) {
                    String speaker = "user" + random.nextInt(500);
                    String text = sentence(random, words, 4 + random.nextInt(10));
                    String room = random.nextInt(10) == 0 ? "#dev@1.1" : GENERAL;
                    batch.add(new Store.Said(room, stamp++, speaker, text,
                            EventCodec.encodeLine(new ServerEvent.Msg(speaker, text))));
                }
                store.keep(batch);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            print("%s: %,d lines kept in %.1f s: %,.0f lines/s (batches of %,d)", engine, LINES, seconds, LINES / seconds, BATCH);
            journal(engine, store, random, words);
            if (dir != null) {
                print("%s: file %s MB for %,d lines", engine, megabytes(dir), LINES);
            }

            long[] search = new long[QUERIES];
            int found = 0;
            for (int q = 0; q < QUERIES; q++) {
                String phrase = q % 2 == 0 ? words[random.nextInt(words.length)] // one word: many lines, newest 20
                        : words[random.nextInt(words.length)] + " " + words[random.nextInt(words.length)]; // two: few
                long t = System.nanoTime();
                found += store.search(phrase, List.of(GENERAL, "#dev@1.1"), 20).size();
                search[q] = System.nanoTime() - t;
            }
            print("%s: /search over %,d lines (%d searches, half one word, half two; %,d lines found): p50 %s ms, p99 %s ms",
                    engine, LINES, QUERIES, found, ms(search, 50), ms(search, 99));

            long[] history = new long[QUERIES];
            long[] page = new long[QUERIES];
            for (int q = 0; q < QUERIES; q++) {
                long t = System.nanoTime();
                var latest = store.latest(GENERAL, 50);
                history[q] = System.nanoTime() - t;
                t = System.nanoTime();
                store.before(GENERAL, latest.get(0).id() - random.nextInt(LINES / 2), Long.MAX_VALUE, 20);
                page[q] = System.nanoTime() - t;
            }
            print("%s: a newcomer's history (last 50 lines): p50 %s ms, p99 %s ms; a /history page of 20 further back:"
                    + " p50 %s ms, p99 %s ms", engine, ms(history, 50), ms(history, 99), ms(page, 50), ms(page, 99));
        }
    }

    /**
     * What a burst costs the writer as the server keeps it ({@code Store.journal}: for SQLite a journal entry per
     * batch), and indexing it afterwards; 100,000 lines, on top of the store measured above.
     */
    private static void journal(String engine, Store store, Random random, String[] words) {
        int lines = 100_000;
        long stamp = 1_800_000_000_000L;
        List<List<Store.Heard>> batches = new ArrayList<>();
        for (int kept = 0; kept < lines; kept += BATCH) {
            List<Store.Heard> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                String speaker = "user" + random.nextInt(500);
                batch.add(new Store.Heard(GENERAL, stamp++, EventCodec.encodeLine(new ServerEvent.Msg(speaker,
                        sentence(random, words, 4 + random.nextInt(10))))));
            }
            batches.add(batch);
        }
        long start = System.nanoTime();
        batches.forEach(store::journal);
        double journaled = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        while (store.index(2_000) > 0) {
            // until the journal is empty
        }
        double indexed = (System.nanoTime() - start) / 1e9;
        print("%s: a burst of %,d lines journaled in %.2f s (%.2f us a line), indexed later in %.2f s (%.2f us a line)",
                engine, lines, journaled, journaled * 1e6 / lines, indexed, indexed * 1e6 / lines);
    }

    private static String[] words(Random random, int count) {
        String[] words = new String[count];
        for (int i = 0; i < count; i++) {
            StringBuilder w = new StringBuilder();
            for (int n = 3 + random.nextInt(6); n > 0; n--) {
                w.append((char) ('a' + random.nextInt(26)));
            }
            words[i] = w.toString();
        }
        return words;
    }

    /** Words drawn with a skew, as in speech: a few common, most rare. */
    private static String sentence(Random random, String[] words, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            double u = random.nextDouble();
            s.append(i == 0 ? "" : " ").append(words[(int) (words.length * u * u * u)]);
        }
        return s.toString();
    }

    private static String ms(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int at = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return String.format("%.2f", sorted[at] / 1e6);
    }

    private static String megabytes(Path dir) {
        try (var files = Files.list(dir)) {
            long bytes = files.mapToLong(f -> f.toFile().length()).sum();
            return String.format("%.0f", bytes / 1e6);
        } catch (IOException e) {
            return "?";
        }
    }

    private static void print(String format, Object... args) {
        System.out.println("STORE " + String.format(format, args));
    }
}
