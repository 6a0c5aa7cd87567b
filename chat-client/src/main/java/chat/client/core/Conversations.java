package chat.client.core;

import chat.common.protocol.ClientCommand;
import chat.common.protocol.CommandEncoder;
import chat.common.protocol.RoomName;
import chat.common.protocol.ServerEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The conversations a person has open, as the server's lines tell them (docs/PROTOCOL.md, "Rooms"): the
 * default room, each room joined, and a private conversation per person written with; for each, lines not
 * yet seen and whether one of them wants attention, and for rooms who is in them. What both faces show as a
 * list of rooms and conversations, or as numbered windows, in the order they were opened. Thread-safe.
 */
public final class Conversations {
    /** A conversation: a room ({@code #dev}) or a private one with a person ({@code alice}). */
    public record Key(String name) {
        public static final Key DEFAULT = new Key(RoomName.DEFAULT.value());

        public boolean room() {
            return name.startsWith("#");
        }
    }

    /** A conversation as a list shows it: lines not seen yet, and whether one wants attention. */
    public record Summary(Key key, int unread, boolean attention) {}

    private static final class Open {
        final Key key;
        final TreeMap<String, String> members = new TreeMap<>(); // rooms: lower-case name -> name
        int unread;
        boolean attention;

        Open(Key key) {
            this.key = key;
        }
    }

    /** Rooms heard of in {@code /rooms} answers kept for completion, at most this many. */
    private static final int MAX_HEARD = 1000;

    private final Map<String, Open> open = new LinkedHashMap<>(); // lower-case name -> conversation; guarded by this
    private final TreeMap<String, String> heard = new TreeMap<>(); // rooms listed by the server: lower-case -> name; guarded by this
    private Key current = Key.DEFAULT; // guarded by this
    private String me = ""; // guarded by this

    public Conversations() {
        open.put(key(Key.DEFAULT.name()), new Open(Key.DEFAULT));
    }

    /** Private lines to or from this name are the other person's conversation (a {@code WELCOME} says it too). */
    public synchronized void setMe(String name) {
        me = name;
    }

    /** The next conversation after the current one ({@code step} 1) or before it (-1), round the list. */
    public synchronized Key beside(int step) {
        List<Key> keys = new ArrayList<>();
        open.values().forEach(o -> keys.add(o.key));
        int at = Math.max(0, keys.indexOf(current));
        return keys.get(Math.floorMod(at + step, keys.size()));
    }

    /**
     * Takes in {@code event}: which conversation it belongs to, opening or closing one as it says, and counting
     * it as unread (and as wanting attention, if {@code attention}) unless that conversation is the current one.
     * A room the person joins becomes the current conversation.
     *
     * @return the conversation it belongs to, or null for a line of no conversation (a notice, an error: a face
     *     shows those where the person is)
     */
    public synchronized Key apply(ServerEvent event, boolean attention) {
        if (event instanceof ServerEvent.Welcome welcome) { // a login, maybe again after a loss: in no room yet
            me = welcome.name();
            open.values().removeIf(o -> o.key.room() && !o.key.equals(Key.DEFAULT));
            if (current.room() && !open.containsKey(key(current.name()))) {
                current = Key.DEFAULT;
            }
            return null;
        }
        if (event instanceof ServerEvent.Room room && (heard.size() < MAX_HEARD || heard.containsKey(key(room.room())))) {
            heard.put(key(room.room()), room.room());
        }
        Key key = belongsTo(event);
        if (key == null || event instanceof ServerEvent.Members && !open.containsKey(key(key.name()))) {
            return null; // who is in a room one is not in: an answer, shown where the person is
        }
        Open conversation = open.computeIfAbsent(key(key.name()), k -> new Open(key));
        track(conversation, event);
        if (event instanceof ServerEvent.InRoom in && in.event() instanceof ServerEvent.Leave leave && isMe(leave.name())) {
            close(conversation.key);
            return key;
        }
        if (event instanceof ServerEvent.InRoom in && in.event() instanceof ServerEvent.Join join && isMe(join.name())) {
            switchTo(key); // a room joined is where one talks next, as in irssi
            return key;
        }
        if (!key.equals(current) && counts(event) && !isMe(sender(event))) {
            conversation.unread++;
            conversation.attention |= attention;
        }
        return key;
    }

    private Key belongsTo(ServerEvent event) {
        if (event instanceof ServerEvent.InRoom in) {
            return new Key(in.room());
        } else if (event instanceof ServerEvent.Members members) {
            return new Key(members.room());
        } else if (event instanceof ServerEvent.PrivateLine p) {
            return new Key(isMe(p.from()) ? p.to() : p.from());
        } else if (event instanceof ServerEvent.Waited w) {
            return belongsTo(w.line());
        } else if (event instanceof ServerEvent.PublicLine || event instanceof ServerEvent.History
                || event instanceof ServerEvent.Topic || event instanceof ServerEvent.Join || event instanceof ServerEvent.Leave) {
            return Key.DEFAULT;
        }
        return null;
    }

    /** Keeps a room's members as its joins, leaves and MEMBERS lines say; a leave of the chat leaves every room. */
    private void track(Open conversation, ServerEvent event) {
        ServerEvent inner = event instanceof ServerEvent.InRoom in ? in.event() : event;
        if (event instanceof ServerEvent.Members m) {
            conversation.members.clear();
            m.names().forEach(n -> conversation.members.put(key(n), n));
        } else if (inner instanceof ServerEvent.Join j && conversation.key.room()) {
            conversation.members.put(key(j.name()), j.name());
        } else if (inner instanceof ServerEvent.Leave l) {
            if (event instanceof ServerEvent.InRoom) {
                conversation.members.remove(key(l.name()));
            } else {
                open.values().forEach(o -> o.members.remove(key(l.name())));
            }
        }
    }

    /** Who said {@code event} (a room's line or a private one), or "" for a line nobody said. */
    private static String sender(ServerEvent event) {
        ServerEvent inner = event instanceof ServerEvent.InRoom in ? in.event()
                : event instanceof ServerEvent.Waited w ? w.line() : event;
        if (inner instanceof ServerEvent.PublicLine said) {
            return said.from();
        } else if (inner instanceof ServerEvent.PrivateLine p) {
            return p.from();
        }
        return "";
    }

    /** Lines a person reads count as unread (but their own), private lines that waited too; joins, leaves and history do not. */
    private static boolean counts(ServerEvent event) {
        ServerEvent inner = event instanceof ServerEvent.InRoom in ? in.event()
                : event instanceof ServerEvent.Waited w ? w.line() : event;
        return inner instanceof ServerEvent.PublicLine || inner instanceof ServerEvent.PrivateLine
                || inner instanceof ServerEvent.Topic;
    }

    /** Makes {@code key} the current conversation (opening it, for a person), its lines seen. */
    public synchronized void switchTo(Key key) {
        Open conversation = open.computeIfAbsent(key(key.name()), k -> new Open(key));
        conversation.unread = 0;
        conversation.attention = false;
        current = conversation.key;
    }

    /** The conversation numbered {@code number} (1: the default room), as {@link #list()} numbers them, or null. */
    public synchronized Key numbered(int number) {
        List<Open> all = new ArrayList<>(open.values());
        return number >= 1 && number <= all.size() ? all.get(number - 1).key : null;
    }

    /** Closes a private conversation, or a room left; the default room stays. The current one becomes the default room. */
    public synchronized void close(Key key) {
        if (key.equals(Key.DEFAULT)) {
            return;
        }
        open.remove(key(key.name()));
        if (key(current.name()).equals(key(key.name()))) {
            current = Key.DEFAULT;
        }
    }

    public synchronized Key current() {
        return current;
    }

    /** Every conversation open, in the order they were opened (the default room first). */
    public synchronized List<Summary> list() {
        List<Summary> all = new ArrayList<>();
        open.values().forEach(o -> all.add(new Summary(o.key, o.unread, o.attention)));
        return all;
    }

    /**
     * The rooms this person knows of, for Tab to complete: those it is in, in the order they were opened, then
     * the others the server listed ({@code /rooms}), by name.
     */
    public synchronized List<String> rooms() {
        List<String> rooms = new ArrayList<>();
        open.values().stream().filter(o -> o.key.room()).forEach(o -> rooms.add(o.key.name()));
        heard.forEach((k, name) -> {
            if (!open.containsKey(k)) {
                rooms.add(name);
            }
        });
        return rooms;
    }

    /** Who is in room {@code key} as far as this client has been told, sorted ignoring case; empty for a person. */
    public synchronized List<String> members(Key key) {
        Open conversation = open.get(key(key.name()));
        return conversation == null ? List.of() : List.copyOf(conversation.members.values());
    }

    /**
     * {@code command} as meant where the person is, the current conversation: text goes to its room (said
     * with {@code /to} once rooms are in use, as the server's own current room may be another) or, in a
     * private conversation, to its person; a room command without a room is about the current room. Anything
     * else, and everything while only the default room is open (so a server without rooms is spoken to as
     * before), is left as it is.
     */
    public synchronized ClientCommand addressed(ClientCommand command) {
        if (open.size() == 1 && current.equals(Key.DEFAULT)) {
            return command;
        }
        String here = current.name();
        if (command instanceof ClientCommand.Say || command instanceof ClientCommand.Me) {
            if (!current.room()) {
                // there are no private actions: "/me waves" goes as the words typed
                return new ClientCommand.PrivateMsg(here, command instanceof ClientCommand.Say say ? say.text()
                        : CommandEncoder.encode(command));
            }
            boolean roomsInUse = open.values().stream().anyMatch(o -> o.key.room() && !o.key.equals(Key.DEFAULT));
            return roomsInUse ? new ClientCommand.To(here, command) : command;
        }
        if (!current.room() || current.equals(Key.DEFAULT)) {
            return command;
        }
        if (command instanceof ClientCommand.Part c && c.room().isEmpty()) {
            return new ClientCommand.Part(here, c.reason());
        } else if (command instanceof ClientCommand.Topic c && c.room().isEmpty()) {
            return new ClientCommand.Topic(here, c.text());
        } else if (command instanceof ClientCommand.Names c && c.room().isEmpty()) {
            return new ClientCommand.Names(here);
        } else if (command instanceof ClientCommand.Invite c && c.room().isEmpty()) {
            return new ClientCommand.Invite(c.name(), here);
        } else if (command instanceof ClientCommand.InviteOnly c && c.room().isEmpty()) {
            return new ClientCommand.InviteOnly(here, c.on());
        } else if (command instanceof ClientCommand.TopicLock c && c.room().isEmpty()) {
            return new ClientCommand.TopicLock(here, c.on());
        } else if (command instanceof ClientCommand.RoomOperator c && c.room().isEmpty()) {
            return new ClientCommand.RoomOperator(here, c.name(), c.grant());
        } else if (command instanceof ClientCommand.Remove c && c.room().isEmpty()) {
            return new ClientCommand.Remove(here, c.name(), c.reason());
        }
        return command;
    }

    private boolean isMe(String name) {
        return name.equalsIgnoreCase(me);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
