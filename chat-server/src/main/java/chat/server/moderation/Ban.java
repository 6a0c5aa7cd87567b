package chat.server.moderation;

import java.net.InetAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One ban: of a name, of a network, or both (a name banned while online takes its address along).
 *
 * @param name the banned name, or null
 * @param network the banned addresses, or null
 * @param until when it ends, or null for never
 * @param by the operator who banned
 * @param reason why, possibly empty
 */
public record Ban(String name, Network network, Instant until, String by, Instant created, String reason) {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    public Ban {
        if (name == null && network == null) {
            throw new IllegalArgumentException("a ban bans a name or a network");
        }
        reason = reason == null ? "" : reason;
    }

    public boolean inForce(Instant now) {
        return until == null || now.isBefore(until);
    }

    public boolean bansName(String wanted) {
        return name != null && name.equalsIgnoreCase(wanted);
    }

    public boolean bansAddress(InetAddress address) {
        return network != null && network.contains(address);
    }

    /** Whether {@code target} (a name, address or network as an operator types it) names this ban. */
    public boolean isNamedBy(String target) {
        Network asNetwork = Network.parse(target);
        return bansName(target) || (asNetwork != null && asNetwork.equals(network));
    }

    /** What is banned: "bob", "10.0.0.0/24", or "bob (10.0.0.7)" where addresses may be shown. */
    public String target(boolean showAddress) {
        if (name == null) {
            return showAddress ? network.toString() : "an address";
        }
        return showAddress && network != null ? name + " (" + network + ")" : name;
    }

    /** " until 2026-12-01 18:00 UTC: spam", or less: the end and the reason, for people. */
    public String terms() {
        return (until == null ? "" : " until " + WHEN.format(until)) + (reason.isEmpty() ? "" : ": " + reason);
    }
}
