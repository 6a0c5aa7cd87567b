package chat.server.roster;

import chat.common.protocol.ServerEvent;
import chat.server.config.ServerText;

/**
 * The answer to {@code /whois}: who a member is, as its own node knows it. Made where the member is
 * connected, also when another node asked (its standing can change during its session, so it is not copied
 * anywhere else).
 */
public final class Whois {
    private Whois() {}

    /** @param withAddress whether the asker may see where {@code who} connected from */
    public static ServerEvent.Info of(Roster.Member who, boolean withAddress) {
        StringBuilder text = new StringBuilder(who.name().value()).append(": online since ").append(ServerText.time(who.since()));
        if (who.standing().operator()) {
            text.append(", operator");
        } else if (who.standing().registered()) {
            text.append(", registered");
        }
        if (withAddress) {
            text.append(", from ").append(who.address().getHostAddress());
        }
        return new ServerEvent.Info(text.toString());
    }
}
