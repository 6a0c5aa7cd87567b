package chat.common.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class HostPortTest {
    @Test
    void writesAddressesTheWayPeopleDo() throws Exception {
        assertThat(HostPort.format(new InetSocketAddress(InetAddress.getByName("::1"), 65432))).isEqualTo("[::1]:65432");
        assertThat(HostPort.format(new InetSocketAddress(InetAddress.getByName("::"), 1))).isEqualTo("[::]:1");
        assertThat(HostPort.format(new InetSocketAddress(InetAddress.getByName("2001:db8:0:0:1:0:0:1"), 5)))
                .isEqualTo("[2001:db8::1:0:0:1]:5");
        assertThat(HostPort.format(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 65432))).isEqualTo("127.0.0.1:65432");
    }
}
