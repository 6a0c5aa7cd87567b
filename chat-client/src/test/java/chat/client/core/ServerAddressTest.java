package chat.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerAddressTest {

    @Test
    void readsHostAndPortInOne() {
        assertThat(ServerAddress.parse("127.0.0.1:40100", null)).isEqualTo(new ServerAddress("127.0.0.1", 40100));
        assertThat(ServerAddress.parse("chat.example:7", null)).isEqualTo(new ServerAddress("chat.example", 7));
        assertThat(ServerAddress.parse("[::1]:40100", null)).isEqualTo(new ServerAddress("::1", 40100));
    }

    @Test
    void takesTheDefaultOrTheOptionPort() {
        assertThat(ServerAddress.parse("192.168.1.20", null)).isEqualTo(new ServerAddress("192.168.1.20", 65432));
        assertThat(ServerAddress.parse("192.168.1.20", 5000)).isEqualTo(new ServerAddress("192.168.1.20", 5000));
        assertThat(ServerAddress.parse("::1", null)).isEqualTo(new ServerAddress("::1", 65432));
        assertThat(ServerAddress.parse("[::1]", 9)).isEqualTo(new ServerAddress("::1", 9));
        assertThat(ServerAddress.parse("h:9", 9)).isEqualTo(new ServerAddress("h", 9));
    }

    @Test
    void refusesWhatCannotBeMeant() {
        assertThatThrownBy(() -> ServerAddress.parse("127.0.0.1:40100", 65432)).hasMessage(
                "--host 127.0.0.1:40100 and --port 65432 name different ports");
        assertThatThrownBy(() -> ServerAddress.parse("127.0.0.1:x", null)).hasMessage(
                "--host '127.0.0.1:x': 'x' is not a port number");
        assertThatThrownBy(() -> ServerAddress.parse("h:70000", null)).hasMessage("--port must be between 1 and 65535, not 70000");
        assertThatThrownBy(() -> ServerAddress.parse("[::1", null)).hasMessage("--host '[::1' has '[' without ']'");
        assertThatThrownBy(() -> ServerAddress.parse(":5", null)).hasMessage("--host ':5' names no host");
    }
}
