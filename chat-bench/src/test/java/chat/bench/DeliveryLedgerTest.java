package chat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeliveryLedgerTest {
    private static final long SENT_AT = 1_000_000_000L;

    private DeliveryLedger ledger;

    @BeforeEach
    void twoReceiversOfThreeSendersWithFiveMessagesEach() {
        ledger = new DeliveryLedger(2, 3, 5, 100);
        ledger.open(0);
        ledger.open(1);
        ledger.startAt(SENT_AT);
    }

    private void receive(int receiver, String line, long at) {
        byte[] framed = ("garbage before " + line + " and after").getBytes(StandardCharsets.ISO_8859_1);
        int from = "garbage before ".length();
        ledger.received(receiver, framed, from, from + line.length(), at);
    }

    private static String message(int sender, int seq) {
        return "MSG s" + sender + " #" + sender + "," + seq + "," + SENT_AT + ";xxxx";
    }

    @Test
    void eachMessageCountsOncePerReceiverWithItsLatency() {
        receive(0, message(2, 0), SENT_AT + 3_000_000);
        receive(1, message(2, 0), SENT_AT + 5_000_000);
        receive(0, message(0, 4), SENT_AT + 1_000_000);

        assertThat(ledger.delivered()).isEqualTo(3);
        assertThat(ledger.duplicated()).isZero();
        assertThat(ledger.outOfOrder()).isZero();
        assertThat(ledger.garbled()).isZero();
        assertThat(ledger.lastDelivery()).isEqualTo(SENT_AT + 1_000_000);
        assertThat(ledger.sortedLatencies()).containsExactly(1_000, 3_000, 5_000);
    }

    @Test
    void aSecondCopyIsADuplicateAndAnEarlierSequenceAfterALaterOneIsOutOfOrder() {
        receive(0, message(1, 3), SENT_AT);
        receive(0, message(1, 3), SENT_AT);
        receive(0, message(1, 1), SENT_AT);
        receive(0, message(2, 0), SENT_AT); // another sender's lower sequence is in order

        assertThat(ledger.delivered()).isEqualTo(3);
        assertThat(ledger.duplicated()).isEqualTo(1);
        assertThat(ledger.outOfOrder()).isEqualTo(1);
    }

    @Test
    void linesWithoutAMarkerAreNotDeliveriesAndBrokenMarkersAreGarbled() {
        receive(0, "JOIN someone", SENT_AT);
        receive(0, "MSG s1 #1,2", SENT_AT); // cut short
        receive(0, "MSG s1 #1,x," + SENT_AT + ";", SENT_AT);
        receive(0, message(3, 0), SENT_AT); // no such sender
        receive(0, message(0, 5), SENT_AT); // no such sequence
        ledger.unframed();

        assertThat(ledger.delivered()).isZero();
        assertThat(ledger.garbled()).isEqualTo(5);
        assertThat(ledger.lastDelivery()).isEqualTo(SENT_AT);
    }

    @Test
    void reopeningAReceiverForgetsWhatItSaw() {
        receive(0, message(1, 1), SENT_AT);
        ledger.open(0);
        receive(0, message(1, 1), SENT_AT);

        assertThat(ledger.duplicated()).isZero();
        assertThat(ledger.delivered()).isEqualTo(2);
    }

    @Test
    void onlyTheFirstLatenciesAreKept() {
        DeliveryLedger small = new DeliveryLedger(1, 1, 5, 2);
        small.open(0);
        for (int seq = 0; seq < 5; seq++) {
            byte[] line = message(0, seq).getBytes(StandardCharsets.ISO_8859_1);
            small.received(0, line, 0, line.length, SENT_AT + (seq + 1) * 1_000_000L);
        }

        assertThat(small.delivered()).isEqualTo(5);
        assertThat(small.sortedLatencies()).containsExactly(1_000, 2_000);
    }

    @Test
    void percentilesAreTakenFromTheSortedMicrosecondsInMilliseconds() {
        int[] sorted = new int[100];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = (i + 1) * 1_000;
        }

        assertThat(DeliveryLedger.percentile(sorted, 0.50)).isEqualTo(50.0);
        assertThat(DeliveryLedger.percentile(sorted, 0.99)).isEqualTo(99.0);
        assertThat(DeliveryLedger.percentile(sorted, 1.0)).isEqualTo(100.0);
        assertThat(DeliveryLedger.percentile(new int[0], 0.5)).isNaN();
    }

    @Test
    void aLineFromAnotherRoomIsGarbledNotDelivered() {
        DeliveryLedger rooms = new DeliveryLedger(4, 4, 5, 100, id -> id % 2); // clients 0 and 2 in room 0, 1 and 3 in room 1
        for (int i = 0; i < 4; i++) {
            rooms.open(i);
        }
        byte[] fromRoom1 = message(1, 0).getBytes(StandardCharsets.ISO_8859_1);
        rooms.received(3, fromRoom1, 0, fromRoom1.length, SENT_AT);
        rooms.received(2, fromRoom1, 0, fromRoom1.length, SENT_AT);
        assertThat(rooms.delivered()).isEqualTo(1);
        assertThat(rooms.garbled()).isEqualTo(1);
    }
}
