package chat.client.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.common.protocol.ServerEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #25, item 1: a server that sends {@code OFFER} then {@code DATA} must not make the client download
 * anything the person did not accept. Driven by hand, as a hostile server would: the transfer lines go straight
 * in, and a listening socket stands for the server's data port.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TransferConsentTest {
    private static final String SHA = "ab".repeat(32);

    @TempDir
    Path downloads;

    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final List<String> notices = new CopyOnWriteArrayList<>();

    private FileTransfers transfers() {
        return new FileTransfers(downloads, new FileTransfers.Link() {
            @Override
            public void send(String line) {
                sent.add(line);
            }

            @Override
            public String me() {
                return "bob";
            }

            @Override
            public InetAddress serverAddress() {
                return InetAddress.getLoopbackAddress();
            }

            @Override
            public String serverHost() {
                return "127.0.0.1";
            }

            @Override
            public X509Certificate serverCertificate() {
                return null;
            }
        }, new FileTransfers.Observer() {
            @Override
            public void changed(TransferView view) {}

            @Override
            public void notice(String text) {
                notices.add(text);
            }
        });
    }

    @Test
    void dataForAnOfferNobodyAcceptedOpensNoConnectionAndWritesNothing() throws Exception {
        FileTransfers transfers = transfers();
        try (ServerSocket dataPort = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            transfers.onEvent(new ServerEvent.Offer(7, "alice", "bob", 1_000_000, SHA, "gift.bin"));
            transfers.onEvent(new ServerEvent.TransferData(7, dataPort.getLocalPort(), "token"));
            assertThat(notices).contains("the server started transfer #7, which you did not accept; ignored");
            dataPort.setSoTimeout(500); // the decision was made before onEvent returned: nothing may be on its way
            assertThatThrownBy(dataPort::accept).isInstanceOf(SocketTimeoutException.class);
        }
        try (var files = Files.list(downloads)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void afterThePersonAcceptsTheDataConnectionNamesItsToken() throws Exception {
        FileTransfers transfers = transfers();
        try (ServerSocket dataPort = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            dataPort.setSoTimeout(10_000);
            transfers.onEvent(new ServerEvent.Offer(7, "alice", "bob", 3, SHA, "gift.bin"));
            transfers.answer(true, 7);
            assertThat(sent).containsExactly("/accept 7");
            transfers.onEvent(new ServerEvent.TransferData(7, dataPort.getLocalPort(), "token"));
            try (Socket data = dataPort.accept()) {
                String first = new BufferedReader(new InputStreamReader(data.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                assertThat(first).isEqualTo("FILE token");
            }
        }
    }

    @Test
    void offersBetweenOthersAndUnknownTransfersAreSaidAndIgnored() {
        FileTransfers transfers = transfers();
        transfers.onEvent(new ServerEvent.Offer(8, "alice", "carol", 10, SHA, "not yours"));
        transfers.onEvent(new ServerEvent.TransferData(9, 1, "token"));
        assertThat(notices).containsExactly("the server sent an offer between others (#8); ignored",
                "the server started transfer #9, which you do not know; ignored");
        assertThat(transfers.views()).isEmpty();
    }

    @Test
    void aFileLargerThanTheRoomLeftIsNotAccepted() throws Exception {
        FileTransfers transfers = transfers();
        long huge = Long.MAX_VALUE / 2;
        transfers.onEvent(new ServerEvent.Offer(7, "alice", "bob", huge, SHA, "huge.bin"));
        transfers.answer(true, 7);
        assertThat(sent).isEmpty();
        assertThat(notices).singleElement().asString().startsWith("no room for huge.bin").endsWith("not accepted");
    }
}
