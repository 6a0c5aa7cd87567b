package chat.server;

import static org.assertj.core.api.Assertions.assertThat;

import chat.server.session.TelnetFilter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A property over the whole server path: whatever bytes a client sends, as a name or as lines, no control
 * character but TAB (so no ESC, no C1) reaches another client's stream. Seeded: replay with -Dtest.seed=N.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class OutputSecurityIT {
    private static final long SEED = Long.getLong("test.seed", System.nanoTime());
    private static final int CASES = 200;
    /** Bidi overrides and isolates, zero-width characters, separators, a BOM and tag characters. */
    private static final int[] FORMATTING = {
        0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200B, 0x200C, 0x200D, 0x200E,
        0x200F, 0xFEFF, 0x2028, 0x2029, 0x061C, 0x2060, 0xE0001, 0xE0041, 0xE007F
    };

    private static ChatServer server;
    private static TestLineClient watcher;

    @BeforeAll
    static void start() throws IOException {
        System.out.println("OutputSecurityIT seed: " + SEED + " (replay with -Dtest.seed=" + SEED + ")");
        server = ChatServer.start(TestTransport.adapt(ChatServerIT.base().build()));
        watcher = TestLineClient.login(server.port(), "watcher");
    }

    @AfterAll
    static void stop() throws IOException {
        watcher.close();
        server.close();
    }

    static Stream<Object[]> cases() {
        Random master = new Random(SEED);
        return IntStream.range(0, CASES).mapToObj(i -> new Object[] {i, master.nextLong()});
    }

    @ParameterizedTest(name = "case {0}, seed {1}")
    @MethodSource("cases")
    void noClientBytesPutControlOrFormattingCharactersIntoAnotherClientsStream(int index, long seed) throws IOException {
        Random random = new Random(seed);
        try (TestLineClient attacker = TestLineClient.connect(server.port())) {
            // a name that is valid once cleaned, so the attack reaches JOIN, MSG, PRIVATE and LEAVE lines
            attacker.sendRaw(concat(hostile(random, "n" + index, false), new byte[] {'\n'}));
            attacker.awaitLine("WELCOME ");
            for (int i = 0; i < 4; i++) {
                byte[] line = hostile(random, "text" + i, true);
                byte[] prefix = i == 3 ? "/msg watcher ".getBytes(StandardCharsets.US_ASCII) : new byte[0];
                attacker.sendRaw(concat(prefix, line, new byte[] {'\n'}));
            }
            attacker.sendRaw(concat("/quit ".getBytes(StandardCharsets.US_ASCII), hostile(random, "bye", true), new byte[] {'\n'}));
            attacker.readToEnd();
        }
        String marker = "marker " + index;
        watcher.send(marker);
        int lines = 0;
        List<String> seen = new ArrayList<>();
        for (String line = watcher.readLine(); !line.equals("MSG watcher " + marker); line = watcher.readLine()) {
            lines++;
            seen.add(line);
            SafeOutput.assertSafe(line);
        }
        assertThat(lines).as("the attack's JOIN, messages and LEAVE reached the watcher; saw " + seen).isGreaterThanOrEqualTo(6);
    }

    /**
     * Random bytes around {@code core}: raw controls, UTF-8 C1 controls, DEL and, unless it is to be a
     * name, ESC sequences and stray bytes (their printable rest, and the U+FFFD a stray byte becomes, are
     * not allowed in names).
     */
    private static byte[] hostile(Random random, String core, boolean notName) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (char c : core.toCharArray()) {
            out.write(c);
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                switch (random.nextInt(notName ? 7 : 4)) {
                    case 0: out.write(notName ? random.nextInt(0x20) : 0x01 + random.nextInt(8)); break; // a TAB stays, so no TAB in names
                    case 1: out.write(0xC2); out.write(0x80 + random.nextInt(0x20)); break;
                    case 2: out.write(0x7F); break;
                    case 3: out.writeBytes(new String(Character.toChars(FORMATTING[random.nextInt(FORMATTING.length)]))
                            .getBytes(StandardCharsets.UTF_8)); break;
                    case 5: out.writeBytes("\u0301".repeat(1 + random.nextInt(150)).getBytes(StandardCharsets.UTF_8)); break;
                    case 4: out.write(0x1b); out.write('['); out.write('3'); out.write('1'); out.write('m'); break;
                    default: // a stray byte: invalid UTF-8; 0xFF is telnet's IAC, so as data it is doubled (TelnetFilter)
                        int stray = 0x80 + random.nextInt(0x80);
                        out.write(stray);
                        if (stray == 0xFF) {
                            out.write(stray);
                        }
                        break;
                }
            }
        }
        byte[] bytes = out.toByteArray();
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r') {
                bytes[i] = 0x1b; // one line per call: line breaks are the framing, not the attack
            }
        }
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
