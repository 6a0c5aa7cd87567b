package chat.server.roster;

import chat.common.protocol.RoomName;
import chat.common.protocol.ServerEvent;
import chat.common.protocol.Username;
import chat.common.text.TextSanitizer;
import chat.server.config.RoomLimits;
import chat.server.roster.Roster.Member;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A {@link RoomTable} as text, for a cluster node that starts to begin from (its lines and invitations to members
 * who left go with it; its lines are not in it), and that text read back as hostile: anything that can write to
 * Redis could have written it. {@code topic SETTER TEXT} for the default room, then per room
 * {@code room NAME open|invite}, {@code kept STOREKEY}, {@code topic-open} if every member may set its topic,
 * {@code moderated}, {@code secret}, {@code topic SETTER TEXT}, {@code member NAME op|-} in the order they joined,
 * {@code voiced KEY}, {@code invited KEY}.
 */
final class RoomSnapshot {
    /** A snapshot read back: its rooms by name key, each member's rooms by its key, the default room's topic. */
    record Read(Map<String, Room> rooms, Map<String, List<Room>> roomsOf, ServerEvent.Topic defaultTopic) {}

    private RoomSnapshot() {}

    /** The text of {@code rooms} and the default room's topic; the caller holds the roster's lock. */
    static String write(ServerEvent.Topic defaultTopic, Collection<Room> rooms) {
        StringBuilder text = new StringBuilder();
        if (defaultTopic != null) {
            text.append("topic ").append(defaultTopic.setter()).append(' ').append(defaultTopic.text()).append('\n');
        }
        for (Room room : rooms) {
            text.append("room ").append(room.name).append(room.inviteOnly ? " invite\n" : " open\n");
            text.append("kept ").append(room.storeKey).append('\n');
            if (room.topicOpen) {
                text.append("topic-open\n");
            }
            if (room.moderated) {
                text.append("moderated\n");
            }
            if (room.secret) {
                text.append("secret\n");
            }
            if (room.topic != null) {
                text.append("topic ").append(room.topic.setter()).append(' ').append(room.topic.text()).append('\n');
            }
            for (Member m : room.members.values()) {
                text.append("member ").append(m.name()).append(room.operators.contains(m.name().key()) ? " op\n" : " -\n");
            }
            for (String key : room.voiced) {
                text.append("voiced ").append(key).append('\n');
            }
            for (String key : room.invited) {
                text.append("invited ").append(key).append('\n');
            }
        }
        return text.toString();
    }

    /**
     * The rooms {@code snapshot} holds, within {@code limits}; a room is made by {@code newRoom}, its members are
     * given by {@code member}.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static Read read(String snapshot, RoomLimits limits, int historyLines, Function<RoomName, Room> newRoom,
            Function<Username, Member> member) {
        Map<String, Room> rooms = new TreeMap<>();
        Map<String, List<Room>> of = new HashMap<>();
        ServerEvent.Topic topic = null;
        Room room = null;
        for (String line : snapshot.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] words = line.split(" ", 3);
            switch (words[0]) {
                case "topic" -> {
                    ServerEvent.Topic t = new ServerEvent.Topic(name(words, 1).value(), text(words, 2));
                    if (room == null) {
                        topic = t;
                    } else {
                        room.topic = t;
                    }
                }
                case "room" -> {
                    RoomName name = RoomName.typed(words.length > 1 ? words[1] : "").filter(r -> !r.isDefault())
                            .orElseThrow(() -> new IllegalArgumentException("not a room: " + line));
                    if (rooms.size() >= limits.maxRooms() || rooms.containsKey(name.key())) {
                        throw new IllegalArgumentException("a room too many: " + name);
                    }
                    room = newRoom.apply(name);
                    room.inviteOnly = words.length > 2 && words[2].equals("invite");
                    rooms.put(name.key(), room);
                }
                case "kept" -> { // the key its lines are kept under, right after its room line
                    String key = words.length == 2 ? words[1] : "";
                    if (room == null || !room.members.isEmpty() || room.topic != null
                            || !key.matches(Pattern.quote(room.name.key()) + "@[0-9A-Za-z._-]{1,60}")) {
                        throw new IllegalArgumentException("not a room's key: " + line);
                    }
                    boolean inviteOnly = room.inviteOnly;
                    room = new Room(room.name, historyLines, key);
                    room.inviteOnly = inviteOnly;
                    rooms.put(room.name.key(), room);
                }
                case "topic-open", "moderated", "secret" -> {
                    if (room == null || words.length > 1) {
                        throw new IllegalArgumentException("not in a room: " + line);
                    }
                    room.topicOpen |= words[0].equals("topic-open");
                    room.moderated |= words[0].equals("moderated");
                    room.secret |= words[0].equals("secret");
                }
                case "voiced" -> {
                    String key = name(words, 1).key();
                    if (room == null || !room.members.containsKey(key) || words.length > 2) {
                        throw new IllegalArgumentException("a voice of no member: " + line);
                    }
                    room.voiced.add(key);
                }
                case "member" -> {
                    Username name = name(words, 1);
                    if (room == null || room.members.size() >= limits.maxMembers() || room.members.containsKey(name.key())
                            || of.getOrDefault(name.key(), List.of()).size() >= limits.perMember()) {
                        throw new IllegalArgumentException("a member too many: " + line);
                    }
                    room.members.put(name.key(), member.apply(name));
                    if (words.length > 2 && words[2].equals("op")) {
                        room.operators.add(name.key());
                    }
                    of.computeIfAbsent(name.key(), k -> new ArrayList<>()).add(room);
                }
                case "invited" -> {
                    if (room == null || room.invited.size() >= limits.maxMembers()) {
                        throw new IllegalArgumentException("an invitation too many: " + line);
                    }
                    room.invited.add(name(words, 1).key());
                }
                default -> throw new IllegalArgumentException("not a line of rooms: " + line);
            }
        }
        for (Room made : rooms.values()) {
            if (made.members.isEmpty()) {
                throw new IllegalArgumentException("a room nobody is in: " + made.name);
            }
        }
        return new Read(rooms, of, topic);
    }

    static Username name(String[] words, int at) {
        if (words.length <= at || !Username.isValid(words[at])) {
            throw new IllegalArgumentException("not a name: " + String.join(" ", words));
        }
        return new Username(words[at]);
    }

    static String text(String[] words, int at) {
        String text = words.length > at ? words[at] : "";
        if (text.isEmpty() || text.length() > 4096 || !TextSanitizer.clean(text).equals(text)) {
            throw new IllegalArgumentException("not a topic: " + text);
        }
        return text;
    }

}
