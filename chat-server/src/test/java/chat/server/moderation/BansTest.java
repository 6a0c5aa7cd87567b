package chat.server.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BansTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    private static InetAddress ip(String literal) throws IOException {
        return InetAddress.getByName(literal);
    }

    @Test
    void networksParseLiteralsOnlyAndMatchTheirPrefix() throws IOException {
        Network net = Network.parse("10.1.2.99/24");
        assertThat(net).hasToString("10.1.2.0/24");
        assertThat(net.contains(ip("10.1.2.7"))).isTrue();
        assertThat(net.contains(ip("10.1.3.7"))).isFalse();
        assertThat(net.contains(ip("::1"))).isFalse();
        assertThat(Network.parse("10.0.0.7")).hasToString("10.0.0.7");
        Network v6 = Network.parse("2001:db8::1/64");
        assertThat(v6.contains(ip("2001:db8:0:0:ffff::9"))).isTrue();
        assertThat(v6.contains(ip("2001:db8:0:1::9"))).isFalse();
        assertThat(Network.parse(v6.toString())).isEqualTo(v6);
        assertThat(Network.parse("alice")).isNull();
        assertThat(Network.parse("example.com")).isNull(); // never looked up
        assertThat(Network.parse("10.0.0.1/33")).isNull();
        assertThat(Network.parse("10.0.0.1/x")).isNull();
        assertThat(Network.parse("999.0.0.1")).isNull();
    }

    /** The lock-free look-up a node makes for every line it reads: the same answer as onName, as bans come and go. */
    @Test
    void theLookUpOfANameBannedNowFollowsEveryChange() throws IOException {
        Instant[] now = {T0};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        Bans bans = Bans.load(null, clock);
        assertThat(bans.namesAny()).isFalse();
        bans.add(new Ban(null, Network.parse("10.0.0.0/8"), null, "alice", T0, "a network"));
        assertThat(bans.namesAny()).as("a network names nobody").isFalse();
        bans.add(new Ban("Bob", null, T0.plusSeconds(60), "alice", T0, "spam"));
        bans.add(new Ban("carol", null, null, "alice", T0, ""));
        assertThat(bans.namesAny()).isTrue();
        assertThat(bans.bansNameNow("BOB")).isTrue();
        assertThat(bans.bansNameNow("Carol")).isTrue();
        assertThat(bans.bansNameNow("dave")).isFalse();
        now[0] = T0.plusSeconds(61);
        assertThat(bans.bansNameNow("bob")).as("ended").isFalse();
        assertThat(bans.remove("carol")).hasSize(1);
        assertThat(bans.bansNameNow("carol")).isFalse();
        bans.replaceAll(java.util.List.of("- dave - alice 2026-12-01T10:00:00Z shared"));
        assertThat(bans.bansNameNow("Dave")).isTrue();
        assertThat(bans.bansNameNow("carol")).isFalse();
    }

    @Test
    void bansMatchNamesIgnoringCaseAndAddressesAndEnd() throws IOException {
        Bans bans = Bans.load(dir.resolve("bans"), Clock.fixed(T0, ZoneOffset.UTC));
        bans.add(new Ban("Bob", Network.parse("10.0.0.7"), T0.plusSeconds(60), "alice", T0, "spam"));
        assertThat(bans.onName("BOB")).isNotNull();
        assertThat(bans.onAddress(ip("10.0.0.7")).terms()).isEqualTo(" until 2026-12-01 10:01 UTC: spam");
        assertThat(bans.onAddress(ip("10.0.0.8"))).isNull();

        Bans later = Bans.load(dir.resolve("bans"), Clock.fixed(T0.plus(Duration.ofMinutes(2)), ZoneOffset.UTC));
        assertThat(later.onName("bob")).isNull();
        assertThat(later.inForce()).isEmpty();
    }

    @Test
    void survivesAReloadAndLiftsByAnyNameOfTheBan() throws IOException {
        Bans bans = Bans.load(dir.resolve("bans"), Clock.fixed(T0, ZoneOffset.UTC));
        bans.add(new Ban("bob", Network.parse("10.0.0.7"), null, "alice", T0, "reason with  spaces"));
        bans.add(new Ban(null, Network.parse("2001:db8::/48"), null, "alice", T0, ""));
        Bans reloaded = Bans.load(dir.resolve("bans"), Clock.fixed(T0, ZoneOffset.UTC));
        assertThat(reloaded.inForce()).isEqualTo(bans.inForce());
        assertThat(reloaded.inForce().get(0).reason()).isEqualTo("reason with  spaces");
        assertThat(reloaded.remove("10.0.0.7")).hasSize(1);
        assertThat(reloaded.remove("bob")).isEmpty();
        assertThat(Bans.load(dir.resolve("bans"), Clock.systemUTC()).inForce()).hasSize(1);
    }

    @Test
    void aDamagedFileIsNamedNotHalfLoaded() throws IOException {
        Files.writeString(dir.resolve("bans"), "- bob - alice 2026-12-01T10:00:00Z\nnonsense\n");
        assertThatThrownBy(() -> Bans.load(dir.resolve("bans"), Clock.systemUTC()))
                .isInstanceOf(IOException.class).hasMessageContaining("line 2 is damaged");
    }
}
