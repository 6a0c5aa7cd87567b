package chat.server.cluster;

import chat.server.accounts.Accounts;
import chat.server.accounts.GuessThrottle;
import chat.server.accounts.Registry;
import chat.server.config.ServerText;
import chat.server.moderation.Ban;
import chat.server.moderation.Bans;
import chat.server.moderation.KickHolds;
import chat.server.roster.LocalRoster;
import chat.server.roster.Roster;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered names and bans where several nodes serve one chat (docs/DESIGN.md, "Several nodes"): a
 * change is made in Redis by the node where it was asked, and every node, that one included, applies it
 * when its reader comes to it in the stream, to its {@link Accounts} and {@link Bans} and so to its store;
 * a ban then removes the members here that it bans. Wrong passwords are counted where they are given and
 * told to the others through the stream, so each node's {@link GuessThrottle} counts them all. Called on the
 * node's threads, but for the changes and guesses, which come from members' reader threads.
 */
final class ClusterRegistry {
    private static final Logger log = LoggerFactory.getLogger(ClusterRegistry.class);

    private final Accounts accounts;
    private final Bans bans;
    private final GuessThrottle guesses;
    private final KickHolds kicks;
    private final LocalRoster here;
    private volatile String self; // this node's id, once shared

    ClusterRegistry(Registry registry, LocalRoster here) {
        this.accounts = registry.accounts();
        this.bans = registry.bans();
        this.guesses = registry.guesses();
        this.kicks = registry.kicks();
        this.here = here;
    }

    /** From now on, accounts and bans are changed through {@code node}, and guesses told through it. */
    void share(ClusterNode node) {
        String id = node.id();
        self = id;
        guesses.share((key, right) -> node.tell(new StreamRecord.Guessed(id, key, right)));
        accounts.share((key, line, registered) -> reach(() -> node.changeAccount(key, line, registered)));
        bans.share((added, removed) -> reach(() -> {
            node.changeBans(added, removed);
            return null;
        }));
    }

    private static <T> T reach(Supplier<T> change) throws IOException {
        try {
            return change.get();
        } catch (ClusterNode.Unreachable e) {
            throw new IOException("the other servers of the chat cannot be reached: " + e.getMessage(), e);
        }
    }

    Map<String, String> accounts() {
        return accounts.lines();
    }

    void accountsAre(Map<String, String> shared) {
        try {
            accounts.replaceAll(shared);
        } catch (IOException e) {
            log.warn("Cannot keep the accounts' copy: {}", e.getMessage());
        }
    }

    List<String> bans() {
        return bans.lines();
    }

    void bansAre(Collection<String> shared) {
        try {
            bans.replaceAll(shared);
        } catch (IOException e) {
            log.warn("Cannot keep the bans' copy: {}", e.getMessage());
        }
    }

    void applied(StreamRecord.AccountChanged change) {
        try {
            accounts.applied(change.key(), change.line());
        } catch (IOException e) {
            log.warn("Cannot keep the accounts' copy: {}", e.getMessage());
        }
    }

    /** Takes a ban made on any node, and removes the members here it bans (the banning node's already are). */
    void applied(StreamRecord.BanChanged change) {
        Ban ban;
        try {
            ban = bans.applied(change.line(), change.added());
        } catch (IOException e) {
            log.warn("Cannot keep the bans' copy: {}", e.getMessage());
            return;
        }
        if (ban != null && ban.inForce(bans.now())) {
            for (Roster.Member member : here.members()) {
                if (ban.bansName(member.name().value()) || ban.bansAddress(member.address())) {
                    member.standing().silence(); // what it says from now on must not follow the ban's purge
                    member.removal().remove(ServerText.bannedBy(ban.by(), ban.terms()));
                }
            }
        }
    }

    /** Holds out a name kicked on any node (the kicking node's hold is refreshed: harmless). */
    void applied(StreamRecord.Held held) {
        kicks.kicked(held.key());
    }

    /** Counts a password given on another node (this node's own were counted when they were given). */
    void applied(StreamRecord.Guessed guess) {
        if (!guess.node().equals(self)) {
            guesses.applied(guess.key(), guess.right());
        }
    }
}
