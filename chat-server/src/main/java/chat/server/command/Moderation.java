package chat.server.command;

import chat.common.protocol.CommandParser;
import chat.common.protocol.ErrorCode;
import chat.common.protocol.ServerEvent;
import chat.common.protocol.Username;
import chat.server.config.ServerText;
import chat.server.moderation.Ban;
import chat.server.moderation.Bans;
import chat.server.moderation.KickHolds;
import chat.server.moderation.Network;
import chat.server.roster.Roster;
import chat.server.roster.Whois;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /whois} for everyone, and the operators' {@code /kick}, {@code /ban}, {@code /unban} and
 * {@code /bans}, for one member on its reader thread. Every moderation action is logged at INFO: who, whom,
 * why. Kicks and bans are announced to everyone: by the {@code LEAVE} of those removed, or by an
 * {@code INFO} when a ban removes nobody.
 */
final class Moderation {
    private static final Logger log = LoggerFactory.getLogger(Moderation.class);
    /** An IPv6 member banned by name takes its /64 along, as it counts as one address everywhere else (AddressKey). */
    private static final int IPV6_BAN_PREFIX = 64;

    private final Roster roster;
    private final Bans bans;
    private final KickHolds kicks;
    private final boolean showAddresses;
    private final Roster.Member me;
    private final Consumer<ServerEvent> reply;

    Moderation(CommandContext context, Roster.Member me, Consumer<ServerEvent> reply) {
        this.roster = context.roster();
        this.bans = context.registry().bans();
        this.kicks = context.registry().kicks();
        this.showAddresses = context.showAddresses();
        this.me = me;
        this.reply = reply;
    }

    void whois(String name) {
        boolean withAddress = showAddresses || me.standing().operator();
        Roster.Member who = roster.find(name);
        if (who != null) {
            reply.accept(Whois.of(who, withAddress));
        } else if (!roster.whoisElsewhere(me, name, withAddress)) { // else its node answers, through the stream
            reply.accept(ErrorCode.NO_SUCH_USER.event(name));
        }
    }

    void kick(String name, String reason) {
        if (!operator("/kick")) {
            return;
        }
        String because = reason.isEmpty() ? "" : ": " + reason;
        String why = ServerEvent.Bye.KICKED_BY + me.name().value() + because;
        Roster.Member who = roster.find(name);
        if (who != null) {
            log.info("{} kicked {}{}", me.name(), who.name(), because);
            kicks.kicked(who.name().value()); // before it is gone: its reconnect must find the name held
            roster.holdElsewhere(who.name().value());
            who.removal().remove(why);
            return;
        }
        String elsewhere = roster.removeElsewhere(name, why); // its leave comes back through the stream
        if (elsewhere == null) {
            reply.accept(ErrorCode.NO_SUCH_USER.event(name));
            return;
        }
        kicks.kicked(elsewhere);
        roster.holdElsewhere(elsewhere);
        log.info("{} kicked {} (on another node){}", me.name(), elsewhere, because);
    }

    void ban(String target, Duration duration, String reason) {
        if (!operator("/ban")) {
            return;
        }
        Network network = Network.parse(target);
        String name = null;
        String nameOnly = "";
        if (network == null) {
            Username asName = Username.parse(target).orElse(null);
            if (asName == null) {
                reply.accept(ErrorCode.BAD_ARGUMENTS.event(CommandParser.BAN_USAGE));
                return;
            }
            Roster.Member online = roster.find(asName.value());
            name = online != null ? online.name().value() : asName.value();
            network = online != null ? networkOf(online.address()) : null;
            if (network != null && network.contains(me.address())) { // a shared address (NAT, one machine): the name alone
                network = null;
                nameOnly = " (the name only: " + name + " shares your address)";
            }
        }
        if (network != null && network.contains(me.address())) {
            reply.accept(ErrorCode.BAN_COVERS_YOU.event(me.address().getHostAddress()));
            return;
        }
        Instant now = bans.now();
        Ban ban = new Ban(name, network, duration == null ? null : now.plus(duration), me.name().value(), now, reason);
        try {
            bans.add(ban);
        } catch (IOException e) {
            log.warn("Cannot save the bans: {}", e.getMessage());
            reply.accept(ErrorCode.NOT_SAVED.event());
            return;
        }
        log.info("{} banned {}{}", me.name(), ban.target(true), ban.terms());
        List<Roster.Member> matched = roster.members().stream()
                .filter(m -> ban.bansName(m.name().value()) || ban.bansAddress(m.address()))
                .toList();
        matched.forEach(m -> m.standing().silence()); // before the purge: lines they say meanwhile must not outlive it
        purgeHistory(ban, matched); // first: whoever logs in after the answer must not be shown their lines
        reply.accept(new ServerEvent.Info("Banned " + ban.target(true) + ban.terms() + nameOnly + "."));
        if (matched.isEmpty()) {
            roster.broadcast(new ServerEvent.Info(me.name().value() + " banned " + ban.target(showAddresses) + ban.terms()));
        }
        matched.forEach(m -> m.removal().remove(ServerText.bannedBy(ban.by(), ban.terms())));
    }

    /** {@code /purge NAME}: NAME's lines leave the history newcomers are shown, on every node. */
    void purge(String name) {
        if (!operator("/purge")) {
            return;
        }
        Username who = Username.parse(name).orElse(null);
        if (who == null) {
            reply.accept(ErrorCode.BAD_ARGUMENTS.event(CommandParser.PURGE_USAGE));
            return;
        }
        roster.purge(who.value());
        log.info("{} purged the lines of {} from the history", me.name(), who);
        reply.accept(new ServerEvent.Info("Took the lines of " + who + " out of the history."));
    }

    void unban(String target) {
        if (!operator("/unban")) {
            return;
        }
        List<Ban> lifted;
        try {
            lifted = bans.remove(target);
        } catch (IOException e) {
            log.warn("Cannot save the bans: {}", e.getMessage());
            reply.accept(ErrorCode.NOT_SAVED.event());
            return;
        }
        if (lifted.isEmpty()) {
            reply.accept(ErrorCode.NO_SUCH_BAN.event(target));
            return;
        }
        for (Ban ban : lifted) {
            log.info("{} lifted the ban of {}", me.name(), ban.target(true));
            reply.accept(new ServerEvent.Info("Lifted the ban of " + ban.target(true) + "."));
        }
    }

    void listBans() {
        if (!operator("/bans")) {
            return;
        }
        List<Ban> all = bans.inForce();
        if (all.isEmpty()) {
            reply.accept(new ServerEvent.Info("No bans."));
            return;
        }
        reply.accept(new ServerEvent.Info("Bans (" + all.size() + "):"));
        for (Ban ban : all) {
            reply.accept(new ServerEvent.Info("  " + ban.target(true) + ban.terms() + " (by " + ban.by() + ", "
                    + ServerText.time(ban.created()) + ")"));
        }
    }

    /** A banned member's words leave the history too: by name, and every member the ban removed. */
    private void purgeHistory(Ban ban, List<Roster.Member> matched) {
        try {
            if (ban.name() != null) {
                roster.purge(ban.name());
            }
            matched.stream().filter(m -> !m.name().value().equalsIgnoreCase(ban.name())).forEach(m -> roster.purge(m.name().value()));
        } catch (Roster.LinkDown e) {
            reply.accept(e.error());
        }
    }

    private boolean operator(String command) {
        if (!me.standing().operator()) {
            reply.accept(ErrorCode.NOT_OPERATOR.event(command));
            return false;
        }
        return true;
    }

    private static Network networkOf(InetAddress address) {
        return address instanceof Inet6Address ? new Network(address, IPV6_BAN_PREFIX) : Network.of(address);
    }
}
