package chat.server.store;

import chat.common.protocol.EventCodec;
import chat.common.protocol.ProtocolException;
import chat.common.protocol.ServerEvent;
import chat.common.protocol.Username;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A batch of public lines as one journal entry: what SQLite keeps of a burst at once (one row, so a burst costs
 * the chat's one core little), its lines read and indexed later ({@link JdbcStore}). An entry is read back as
 * hostile, as anything in the store is: one that is not as written here is refused whole.
 */
final class Journal {
    private static final Logger log = LoggerFactory.getLogger(Journal.class);
    /** Bounds on what an entry may hold, well above what the chat writes (a room key, a line of 4 KiB). */
    private static final int MAX_ROOM_KEY_BYTES = 256;
    private static final int MAX_LINE_BYTES = 64 * 1024;

    private Journal() {}

    /** {@code lines} as one entry: per line its room key, time and bytes, in order. */
    static byte[] encode(List<Store.Heard> lines) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(lines.size() * 128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (Store.Heard heard : lines) {
                byte[] room = heard.roomKey().getBytes(StandardCharsets.UTF_8);
                out.writeShort(room.length);
                out.write(room);
                out.writeLong(heard.epochMillis());
                out.writeInt(heard.line().length);
                out.write(heard.line());
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /** The lines of an entry, in order. @throws IllegalArgumentException if it is not one {@link #encode} wrote */
    static List<Store.Heard> decode(byte[] entry) {
        List<Store.Heard> lines = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(entry))) {
            while (in.available() > 0) {
                String room = new String(bytes(in, in.readUnsignedShort(), MAX_ROOM_KEY_BYTES), StandardCharsets.UTF_8);
                long at = in.readLong();
                lines.add(new Store.Heard(room, at, bytes(in, in.readInt(), MAX_LINE_BYTES)));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("a journal entry cut short", e);
        }
        return lines;
    }

    private static byte[] bytes(DataInputStream in, int length, int most) throws IOException {
        if (length < 0 || length > most) {
            throw new IllegalArgumentException("a journal entry with a field of " + length + " bytes");
        }
        byte[] field = in.readNBytes(length);
        if (field.length != length) {
            throw new IllegalArgumentException("a journal entry cut short");
        }
        return field;
    }

    /** The store's form of a line heard: its speaker and words read; null (logged) if it is not a public line. */
    static Store.Said said(Store.Heard heard) {
        try {
            ServerEvent event = EventCodec.decodeLine(heard.line());
            if (event instanceof ServerEvent.PublicLine spoken) {
                return new Store.Said(heard.roomKey(), heard.epochMillis(), Username.key(spoken.from()), spoken.text(), heard.line());
            }
        } catch (ProtocolException | IllegalArgumentException e) {
            // below
        }
        log.warn("Not kept: not a public line: {}", new String(heard.line(), StandardCharsets.UTF_8).strip());
        return null;
    }
}
