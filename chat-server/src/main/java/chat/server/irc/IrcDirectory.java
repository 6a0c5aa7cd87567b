package chat.server.irc;

import chat.common.protocol.RoomName;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The IRC clients logged in on this server, by name, and what they told IRC of themselves: {@code USER}'s user
 * and real names and {@code AWAY}'s text, which {@code WHO}, {@code WHOIS} and a line to an away nick show. The
 * chat itself has none of these: its own clients, and IRC clients on another node of a cluster, are told by name
 * alone and are never away. One per server; each connection puts itself in at login and takes itself out at its end.
 */
public final class IrcDirectory {
    /**
     * What {@code WHO} and {@code WHOIS} tell of someone.
     *
     * @param account the registered name it proved at login, if it is an IRC client here; else null
     * @param oper whether it is an IRC client here whose {@code OPER} the chat took
     */
    record Person(String user, String realName, String away, String account, boolean oper) {
        boolean isAway() {
            return away != null;
        }
    }

    private static final String GENERAL = IrcConnection.key(RoomName.DEFAULT.value());

    private final Map<String, IrcConnection> byName = new ConcurrentHashMap<>();
    private final Function<RoomName, String> roomModes;

    /**
     * @param roomModes the modes of a room of the chat in IRC's letters ({@code imst}, in that order), or null if
     *     there is no such room (IRC's {@code MODE #room})
     */
    public IrcDirectory(Function<RoomName, String> roomModes) {
        this.roomModes = roomModes;
    }

    /** The modes of the room {@code room} in IRC's letters; null if there is no such room, or it is the default room. */
    String modes(String room) {
        return RoomName.typed(room).filter(r -> !r.isDefault()).map(roomModes).orElse(null);
    }

    void add(String name, IrcConnection irc) {
        byName.put(IrcConnection.key(name), irc);
    }

    /** Takes {@code irc} out, unless someone logged in under its name since (then that one stays). */
    void remove(String name, IrcConnection irc) {
        if (byName.remove(IrcConnection.key(name), irc)) {
            byName.values().forEach(other -> other.forgetAway(name));
        }
    }

    /**
     * IRCv3 away-notify: {@code irc}'s new away state to the other IRC clients here that asked for it (everyone
     * shares {@code #general}, so every one of them sees it), unless a JOIN of it told the same already. Each AWAY
     * counts against its sender's line allowance.
     */
    void awayChanged(IrcConnection irc) {
        String away = irc.away;
        IrcMessage line = away == null ? IrcMessage.of(IrcConnection.mask(irc.nick), "AWAY")
                : IrcMessage.of(IrcConnection.mask(irc.nick), "AWAY", away);
        for (IrcConnection other : byName.values()) {
            if (other != irc && other.has("away-notify") && other.awayNews(irc.nick, away)) {
                other.tell.accept(line);
            }
        }
    }

    /**
     * Whether {@code name} is left out of {@code asker}'s {@code WHO} of a mask: an invisible ({@code +i}) IRC client
     * here, seen by those who share a channel with it (IRC's rule); as everyone shares {@code #general}, that one
     * does not count, or {@code +i} would hide nobody. Itself and operators see everyone.
     */
    boolean hiddenFrom(String name, IrcConnection asker) {
        IrcConnection them = invisible(name, asker);
        if (them == null) {
            return false;
        }
        for (String channel : them.channels) {
            if (!channel.equals(GENERAL) && asker.channels.contains(channel)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code name} is an invisible IRC client here that {@code asker} may not see through: left out of a
     * {@code WHO} or {@code NAMES} of a channel that {@code asker} is not in.
     */
    boolean invisibleTo(String name, IrcConnection asker) {
        return invisible(name, asker) != null;
    }

    /** {@code name}'s connection if it is an invisible IRC client here that {@code asker} is not and may not see through; else null. */
    private IrcConnection invisible(String name, IrcConnection asker) {
        IrcConnection them = byName.get(IrcConnection.key(name));
        return them == null || !them.invisible || them == asker || asker.oper ? null : them;
    }

    /** Whether {@code name} is an IRC client here that is invisible ({@code +i}), to anyone: for LUSERS' count. */
    boolean isInvisible(String name) {
        IrcConnection them = byName.get(IrcConnection.key(name));
        return them != null && them.invisible;
    }

    /** {@code name} as IRC's replies describe it: an IRC client here as it described itself, anyone else by name. */
    Person person(String name) {
        IrcConnection irc = byName.get(IrcConnection.key(name));
        if (irc == null) {
            return new Person(name, name, null, null, false);
        }
        return new Person(irc.user.isEmpty() ? name : irc.user, irc.realName.isEmpty() ? name : irc.realName, irc.away,
                irc.account(), irc.oper);
    }
}
