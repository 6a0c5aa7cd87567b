package chat.server.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import chat.common.protocol.ErrorCode;
import chat.common.protocol.EventCodec;
import chat.common.protocol.ServerEvent;
import chat.server.config.TransferConfig;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The life of transfers without sockets: a clock of its own, ends that record what they are told. */
class TransfersTest {
    private static final String HASH = "ab".repeat(32);
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Transfers transfers = new Transfers(
            new TransferConfig(0, 1000, 2, 0, Duration.ofSeconds(120), Duration.ofSeconds(60)),
            (name, task) -> new Thread(task, name), now::get);

    TransfersTest() {
        transfers.port(65433); // as a TransferPort would say
    }

    private static final class End {
        final List<String> heard = new CopyOnWriteArrayList<>();
        final Party party;

        End(String name, String address) throws Exception {
            party = new Party(name, InetAddress.getByName(address), false, e -> heard.add(EventCodec.encode(e)));
        }

        String last() {
            return heard.get(heard.size() - 1);
        }
    }

    @Test
    void anOfferNotAnsweredExpiresAfterTheAcceptTimeoutOnly() throws Exception {
        End alice = new End("alice", "10.0.0.1");
        End bob = new End("bob", "10.0.0.2");
        assertThat(transfers.offer(alice.party, bob.party, 10, HASH, "a.txt")).isNull();
        assertThat(bob.last()).isEqualTo("OFFER 1 alice bob 10 " + HASH + " a.txt");
        transfers.check(now.get() + Duration.ofSeconds(120).toNanos());
        assertThat(transfers.active()).isEqualTo(1);
        transfers.check(now.get() + Duration.ofSeconds(121).toNanos());
        assertThat(alice.last()).isEqualTo("TRANSFER 1 expired bob did not answer within 2 minutes");
        assertThat(bob.last()).isEqualTo(alice.last());
        assertThat(transfers.active()).isZero();
    }

    /** Three people offering bob files fill what bob may receive, not what bob may send. */
    @Test
    void offersMadeToAMemberDoNotStopItSending() throws Exception {
        End bob = new End("bob", "10.0.0.2");
        End carol = new End("carol", "10.0.0.3");
        for (int i = 1; i <= 2; i++) { // the most bob may have (2 in this test)
            assertThat(transfers.offer(new End("mallory" + i, "10.0.1." + i).party, bob.party, 10, HASH, "spam.txt")).isNull();
        }
        assertThat(transfers.offer(new End("mallory3", "10.0.1.3").party, bob.party, 10, HASH, "spam.txt"))
                .isEqualTo(ErrorCode.TOO_MANY_TRANSFERS.event("bob has", 2));
        assertThat(transfers.offer(bob.party, carol.party, 10, HASH, "notes.txt")).as("bob still sends").isNull();
    }

    @Test
    void oneOfferAtATimePerSenderAndRecipientAndAMinutesWaitAfterADecline() throws Exception {
        End mallory = new End("mallory", "10.0.0.1");
        End bob = new End("bob", "10.0.0.2");
        assertThat(transfers.offer(mallory.party, bob.party, 10, HASH, "a.txt")).isNull();
        assertThat(transfers.offer(mallory.party, bob.party, 10, HASH, "b.txt"))
                .isEqualTo(ErrorCode.OFFER_WAITING.event("bob", 1L));
        assertThat(transfers.decline(bob.party, 1)).isNull();
        assertThat(transfers.offer(mallory.party, bob.party, 10, HASH, "a.txt"))
                .isEqualTo(ErrorCode.OFFER_DECLINED.event("bob", 60L));
        End again = new End("Mallory", "10.0.0.1"); // reconnected
        now.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(transfers.offer(again.party, bob.party, 10, HASH, "a.txt"))
                .isEqualTo(ErrorCode.OFFER_DECLINED.event("bob", 1L));
        assertThat(transfers.offer(bob.party, mallory.party, 10, HASH, "reply.txt")).as("the other way round").isNull();
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(transfers.offer(again.party, bob.party, 10, HASH, "a.txt")).isNull();
    }

    @Test
    void tokensWorkOnceFromTheirOwnersAddressAndNotAfterTheEnd() throws Exception {
        End alice = new End("alice", "10.0.0.1");
        End bob = new End("bob", "10.0.0.2");
        transfers.offer(alice.party, bob.party, 10, HASH, "a.txt");
        assertThat(transfers.accept(alice.party, 1)).isEqualTo(ErrorCode.NO_SUCH_TRANSFER.event(1L, "accept"));
        assertThat(transfers.accept(bob.party, 1)).isNull();
        String bobToken = bob.last().split(" ")[3];
        String aliceToken = alice.last().split(" ")[3];
        assertThat(transfers.claim(bobToken, InetAddress.getByName("10.0.0.1"), false).error().code()).isEqualTo(ErrorCode.BAD_TOKEN);
        Transfers.Claim claim = transfers.claim(bobToken, InetAddress.getByName("10.0.0.2"), false);
        assertThat(claim.error()).isNull();
        assertThat(claim.sender()).isFalse();
        assertThat(transfers.claim(bobToken, InetAddress.getByName("10.0.0.2"), false).error().code()).isEqualTo(ErrorCode.BAD_TOKEN);
        transfers.cancel(bob.party, 1);
        assertThat(alice.last()).isEqualTo("TRANSFER 1 cancelled cancelled by bob");
        assertThat(transfers.claim(aliceToken, InetAddress.getByName("10.0.0.1"), false).error().code()).isEqualTo(ErrorCode.BAD_TOKEN);
    }

    @Test
    void aMemberOnTlsMustClaimOverTls() throws Exception {
        End alice = new End("alice", "10.0.0.1");
        Party bob = new Party("bob", InetAddress.getByName("10.0.0.2"), true, e -> { });
        transfers.offer(alice.party, bob, 10, HASH, "a.txt");
        transfers.accept(bob, 1);
        String aliceToken = alice.last().split(" ")[3];
        assertThat(transfers.claim(aliceToken, InetAddress.getByName("10.0.0.1"), false).error()).isNull(); // alice is on plain text
        Transfers tls = new Transfers(TransferConfig.defaults(0), (name, task) -> new Thread(task, name), now::get);
        tls.port(65433);
        List<ServerEvent> toBob = new CopyOnWriteArrayList<>();
        Party bobOnTls = new Party("bob", InetAddress.getByName("10.0.0.2"), true, toBob::add);
        tls.offer(alice.party, bobOnTls, 10, HASH, "a.txt");
        tls.accept(bobOnTls, 1);
        String bobToken = ((ServerEvent.TransferData) toBob.get(toBob.size() - 1)).token();
        assertThat(tls.claim(bobToken, InetAddress.getByName("10.0.0.2"), false).error().code()).isEqualTo(ErrorCode.TLS_REQUIRED);
        assertThat(tls.claim(bobToken, InetAddress.getByName("10.0.0.2"), true).error()).isNull(); // refused, so still there
    }

    @Test
    void aMemberWhoLeftCanBeOfferedNothingAndItsTransfersFail() throws Exception {
        End alice = new End("alice", "10.0.0.1");
        End bob = new End("bob", "10.0.0.2");
        transfers.offer(alice.party, bob.party, 10, HASH, "a.txt");
        transfers.left(bob.party);
        assertThat(alice.last()).isEqualTo("TRANSFER 1 failed bob left");
        assertThat(transfers.offer(alice.party, bob.party, 10, HASH, "b.txt")).isEqualTo(ErrorCode.NO_SUCH_USER.event("bob"));
        assertThat(transfers.active()).isZero();
    }

    @Test
    void aServerShuttingDownEndsEveryTransferAndTakesNoNewOne() throws Exception {
        End alice = new End("alice", "10.0.0.1");
        End bob = new End("bob", "10.0.0.2");
        transfers.offer(alice.party, bob.party, 10, HASH, "a.txt");
        transfers.close();
        assertThat(bob.last()).isEqualTo("TRANSFER 1 failed server shutting down");
        assertThat(transfers.offer(alice.party, bob.party, 10, HASH, "a.txt")).isEqualTo(ErrorCode.TRANSFERS_OFF.event());
    }

    @Test
    void theServerKeepsOnlyTheLastPartOfAnOfferedName() {
        assertThat(Transfers.safeName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(Transfers.safeName("a\\\\b\\\\c.txt")).isEqualTo("c.txt");
        assertThat(Transfers.safeName("dir/")).isEqualTo("file");
        assertThat(Transfers.safeName("x".repeat(300))).hasSize(255);
    }
}
