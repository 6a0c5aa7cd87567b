package chat.server;

import static org.assertj.core.api.Assertions.assertThat;

import chat.server.admission.AddressKey;
import chat.server.config.ServerConfig;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressKeyTest {

    @Test
    void groupsIpv6AddressesByTheirSlash64() throws Exception {
        AddressKey a = AddressKey.of(InetAddress.getByName("2001:db8:1:2::1"));
        AddressKey b = AddressKey.of(InetAddress.getByName("2001:db8:1:2:ffff:eeee:dddd:cccc"));
        AddressKey other = AddressKey.of(InetAddress.getByName("2001:db8:1:3::1"));
        assertThat(a).isEqualTo(b).isNotEqualTo(other);
        assertThat(a.toString()).isEqualTo("2001:db8:1:2:0:0:0:0/64");
    }

    @Test
    void keepsIpv4AddressesWhole() throws Exception {
        assertThat(AddressKey.of(InetAddress.getByName("10.0.0.1")))
                .isNotEqualTo(AddressKey.of(InetAddress.getByName("10.0.0.2")));
    }

    @Test
    void showsAddressesOnlyOnPrivateNetworksByDefault() throws Exception {
        ServerConfig.AddressVisibility auto = ServerConfig.AddressVisibility.AUTO;
        assertThat(PrivateNetworks.showAddresses(auto, InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(PrivateNetworks.showAddresses(auto, InetAddress.getByName("192.168.1.20"))).isTrue();
        assertThat(PrivateNetworks.showAddresses(auto, InetAddress.getByName("10.1.2.3"))).isTrue();
        assertThat(PrivateNetworks.showAddresses(auto, InetAddress.getByName("fd12:3456::1"))).isTrue();
        assertThat(PrivateNetworks.showAddresses(auto, InetAddress.getByName("203.0.113.7"))).isFalse();
        assertThat(PrivateNetworks.showAddresses(auto, InetAddress.getByName("2001:db8::1"))).isFalse();
        assertThat(PrivateNetworks.showAddresses(ServerConfig.AddressVisibility.SHOW, InetAddress.getByName("203.0.113.7"))).isTrue();
        assertThat(PrivateNetworks.showAddresses(ServerConfig.AddressVisibility.HIDE, InetAddress.getByName("127.0.0.1"))).isFalse();
    }
}
