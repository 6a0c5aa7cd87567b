package chat.server.command;

import chat.common.protocol.ClientCommand;
import chat.common.protocol.ErrorCode;
import chat.common.protocol.RoomName;
import chat.common.protocol.ServerEvent;
import chat.server.roster.Roster;
import chat.server.roster.Rooms;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The room commands of one member on its reader thread (docs/PROTOCOL.md, "Rooms"), and its current room:
 * the room its plain lines go to. Reads a room as typed, answers the default room's own cases (it is the
 * roster, and cannot be left), and hands the rest to the roster's {@link Rooms}.
 */
final class RoomCommands {
    private static final Logger log = LoggerFactory.getLogger(RoomCommands.class);

    private final Roster roster;
    private final Rooms rooms;
    private final Roster.Member me;
    private final Consumer<ServerEvent> reply;
    private RoomName current = RoomName.DEFAULT; // only this member's reader thread touches it

    RoomCommands(Roster roster, Roster.Member me, Consumer<ServerEvent> reply) {
        this.roster = roster;
        this.rooms = roster.rooms();
        this.me = me;
        this.reply = reply;
    }

    /** The room plain lines, {@code /me} and {@code /say} go to. */
    RoomName current() {
        return current;
    }

    /** The room {@code typed} names, "" being the current room; null after answering ROOM_INVALID. */
    RoomName room(String typed) {
        if (typed.isEmpty()) {
            return current;
        }
        RoomName room = RoomName.typed(typed).orElse(null);
        if (room == null) {
            reply.accept(ErrorCode.ROOM_INVALID.event(typed));
        }
        return room;
    }

    /** Carries out a room command; false if {@code command} is not one. */
    boolean carryOut(ClientCommand command) {
        if (command instanceof ClientCommand.Join c) {
            join(c.room());
        } else if (command instanceof ClientCommand.Part c) {
            inRoom(c.room(), room -> {
                answer(room.isDefault() ? defaultRoom() : rooms.part(me, room, c.reason()), room);
                if (room.equals(current)) {
                    current = RoomName.DEFAULT;
                }
            });
        } else if (command instanceof ClientCommand.ListRooms) {
            rooms.list(me, roster.size());
        } else if (command instanceof ClientCommand.Topic c) {
            inRoom(c.room(), room -> answer(room.isDefault() ? defaultTopic(c) : rooms.topic(me, room, c.text()), room));
        } else if (command instanceof ClientCommand.Names c) {
            inRoom(c.room(), room -> {
                if (room.isDefault()) {
                    reply.accept(new ServerEvent.Members(room.value(), roster.names(), List.of()));
                } else {
                    answer(rooms.names(me, room), room);
                }
            });
        } else if (command instanceof ClientCommand.Invite c) {
            inRoom(c.room(), room -> answer(room.isDefault() ? defaultRoom() : rooms.invite(me, room, c.name()), room));
        } else if (command instanceof ClientCommand.InviteOnly c) {
            inRoom(c.room(), room -> answer(room.isDefault() ? defaultRoom() : rooms.inviteOnly(me, room, c.on()), room));
        } else if (command instanceof ClientCommand.TopicLock c) {
            inRoom(c.room(), room -> answer(room.isDefault() ? defaultRoom() : rooms.topicLock(me, room, c.on()), room));
        } else if (command instanceof ClientCommand.Moderated c) {
            inRoom(c.room(), room -> answer(room.isDefault() ? defaultRoom() : rooms.moderated(me, room, c.on()), room));
        } else if (command instanceof ClientCommand.Secret c) {
            inRoom(c.room(), room -> answer(room.isDefault() ? defaultRoom() : rooms.secret(me, room, c.on()), room));
        } else if (command instanceof ClientCommand.RoomOperator c) {
            inRoom(c.room(), room -> answer(room.isDefault() ? defaultRoom() : rooms.operator(me, room, c.name(), c.grant()), room));
        } else if (command instanceof ClientCommand.Voice c) {
            inRoom(c.room(), room -> answer(room.isDefault() ? defaultRoom() : rooms.voice(me, room, c.name(), c.grant()), room));
        } else if (command instanceof ClientCommand.Remove c) {
            inRoom(c.room(), room -> answer(room.isDefault() ? defaultRoom() : rooms.remove(me, room, c.name(), c.reason()), room));
        } else if (command instanceof ClientCommand.CloseRoom c) {
            inRoom(c.room(), room -> answer(room.isDefault() ? defaultRoom() : rooms.close(me, room, c.reason()), room));
        } else {
            return false;
        }
        return true;
    }

    private void join(String typed) {
        RoomName room = room(typed);
        if (room == null) {
            return;
        }
        if (room.isDefault()) {
            current = room;
            reply.accept(new ServerEvent.Info("lines you type now go to " + room));
            return;
        }
        ServerEvent.Error refused = rooms.join(me, room);
        if (refused == null) {
            current = room;
            log.debug("{} joined {}", me.name(), room);
        } else {
            reply.accept(refused);
        }
    }

    private void inRoom(String typed, Consumer<RoomName> then) {
        RoomName room = room(typed);
        if (room != null) {
            then.accept(room);
        }
    }

    private void answer(ServerEvent.Error refused, RoomName room) {
        if (refused != null) {
            reply.accept(refused);
        } else {
            log.debug("{}: done in {}", me.name(), room);
        }
    }

    private static ServerEvent.Error defaultRoom() {
        return ErrorCode.DEFAULT_ROOM.event(RoomName.DEFAULT);
    }

    /** The default room's topic: anyone sees it, server operators set it or take it away, and everyone is told. */
    private ServerEvent.Error defaultTopic(ClientCommand.Topic c) {
        if (c.text().isEmpty()) {
            ServerEvent.Topic topic = rooms.defaultTopic();
            reply.accept(topic != null ? topic : new ServerEvent.Info(RoomName.DEFAULT + " has no topic"));
            return null;
        }
        ServerEvent.Topic topic = new ServerEvent.Topic(me.name().value(), ClientCommand.Topic.setTo(c.text()));
        ServerEvent.Error refused = rooms.setDefaultTopic(me, topic);
        if (refused == null) {
            roster.broadcast(topic);
        }
        return refused;
    }
}
