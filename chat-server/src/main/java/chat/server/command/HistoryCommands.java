package chat.server.command;

import chat.common.protocol.ErrorCode;
import chat.common.protocol.EventCodec;
import chat.common.protocol.Protocol;
import chat.common.protocol.ProtocolException;
import chat.common.protocol.RoomName;
import chat.common.protocol.ServerEvent;
import chat.server.roster.LocalRoster;
import chat.server.roster.Roster;
import chat.server.roster.Rooms;
import chat.server.store.Store;
import chat.server.store.StoreException;
import chat.server.store.StoredLine;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /history} and {@code /search} of one member (docs/PROTOCOL.md, "History and search"): read from the
 * store, only of the rooms the member is in. A search costs the store more than a line costs the chat, so a
 * member's searches are spaced: one a second, the next one waiting on the member's own thread.
 */
final class HistoryCommands {
    private static final Logger log = LoggerFactory.getLogger(HistoryCommands.class);
    static final long SEARCH_SPACING_MILLIS = 1_000;

    private final Store store; // null: the server keeps nothing
    private final Rooms rooms;
    private final Roster.Member me;
    private final Consumer<ServerEvent> reply;
    private final Map<String, Long> oldestShown = new HashMap<>(); // store key -> id of the oldest line /history gave
    private long lastSearch; // System.nanoTime() of the last search, 0: none yet

    HistoryCommands(Store store, Rooms rooms, Roster.Member me, Consumer<ServerEvent> reply) {
        this.store = store;
        this.rooms = rooms;
        this.me = me;
        this.reply = reply;
    }

    /**
     * The {@code count} lines of {@code room} before the oldest the last {@code /history} gave; the first time,
     * before the oldest the member was shown of the room when it came in.
     */
    void history(RoomName room, int count) {
        Rooms.Joined in = memberOf(room);
        if (in == null || !kept("history")) {
            return;
        }
        int lines = count == 0 ? Protocol.DEFAULT_HISTORY_LINES : count;
        List<StoredLine> page;
        try {
            // one more than asked: whether older lines are left
            Long cursor = oldestShown.get(in.storeKey());
            page = cursor != null ? store.before(in.storeKey(), cursor, Long.MAX_VALUE, lines + 1) : beforeShown(in, lines + 1);
        } catch (StoreException e) {
            failed(e);
            return;
        }
        boolean more = page.size() > lines;
        List<StoredLine> shown = more ? page.subList(1, page.size()) : page;
        for (StoredLine line : shown) {
            byte[] history = EventCodec.encodeHistoryLine(line.epochMillis(), line.line());
            me.outbox().offer(in.name().isDefault() ? history : EventCodec.encodeInRoom(in.name().value(), history));
        }
        if (!shown.isEmpty()) {
            oldestShown.put(in.storeKey(), shown.get(0).id());
        }
        reply.accept(new ServerEvent.HistoryEnd(in.name().value(), shown.size(), more));
    }

    /**
     * The last {@code count} lines of the room before the oldest the member was shown of it as it came in: before
     * that line as the store has it (lines said in the same millisecond told apart), else before its moment.
     */
    private List<StoredLine> beforeShown(Rooms.Joined in, int count) {
        LocalRoster.Said shown = in.shownFrom();
        if (shown == null) {
            return store.before(in.storeKey(), Long.MAX_VALUE, Long.MAX_VALUE, count);
        }
        long id = shown.line() == null ? -1 : store.idOf(in.storeKey(), shown.epochMillis(), shown.line());
        return id >= 0 ? store.before(in.storeKey(), id, Long.MAX_VALUE, count)
                : store.before(in.storeKey(), Long.MAX_VALUE, shown.epochMillis(), count);
    }

    /** The newest lines holding {@code text} in {@code room}, or (null) in every room the member is in. */
    void search(RoomName room, String text) throws InterruptedException {
        Map<String, RoomName> where = new LinkedHashMap<>(); // store key -> the room as the member knows it
        if (room != null) {
            Rooms.Joined in = memberOf(room);
            if (in == null) {
                return;
            }
            where.put(in.storeKey(), in.name());
        } else {
            rooms.roomsOf(me).forEach(r -> where.put(r.storeKey(), r.name()));
        }
        if (!kept("search")) {
            return;
        }
        spaceSearches();
        List<StoredLine> found;
        try {
            found = store.search(text, where.keySet(), Protocol.MAX_SEARCH_LINES);
        } catch (StoreException e) {
            failed(e);
            return;
        }
        int count = 0;
        for (StoredLine line : found) {
            RoomName in = where.get(line.roomKey());
            ServerEvent said;
            try {
                said = EventCodec.decodeLine(line.line());
            } catch (ProtocolException | IllegalArgumentException e) {
                said = null;
            }
            if (said instanceof ServerEvent.PublicLine spoken) {
                reply.accept(new ServerEvent.Found(Instant.ofEpochMilli(line.epochMillis()), in.value(), spoken));
                count++;
            } else {
                log.warn("Skipped a stored line that is not a public line: {}", new String(line.line(), StandardCharsets.UTF_8).strip());
            }
        }
        reply.accept(new ServerEvent.FoundEnd(count));
    }

    /** The member's room {@code room}, as the member's rooms spell it; null after answering {@code NOT_IN_ROOM}. */
    private Rooms.Joined memberOf(RoomName room) {
        for (Rooms.Joined in : rooms.roomsOf(me)) {
            if (in.name().key().equals(room.key())) {
                return in;
            }
        }
        reply.accept(ErrorCode.NOT_IN_ROOM.event(room));
        return null;
    }

    private boolean kept(String what) {
        if (store == null) {
            reply.accept(ErrorCode.NOT_KEPT.event(what));
            return false;
        }
        return true;
    }

    private void spaceSearches() throws InterruptedException {
        long now = System.nanoTime();
        long waitMillis = lastSearch == 0 ? 0 : SEARCH_SPACING_MILLIS - (now - lastSearch) / 1_000_000;
        if (waitMillis > 0) {
            Thread.sleep(waitMillis);
        }
        lastSearch = System.nanoTime();
    }

    private void failed(StoreException e) {
        log.warn("{}: {}", me.name(), e.getMessage());
        reply.accept(ErrorCode.STORE_FAILED.event());
    }
}
