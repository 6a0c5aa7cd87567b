package chat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.server.config.ServerConfig;
import chat.server.config.ThreadKind;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OptionValuesTest {

    @Test
    void readsRatesAndOff() {
        assertThat(OptionValues.rate("5")).isEqualTo(5.0);
        assertThat(OptionValues.rate("0.5")).isEqualTo(0.5);
        assertThat(OptionValues.rate("OFF")).isZero();
        assertThatThrownBy(() -> OptionValues.rate("0")).hasMessage("--rate-limit must be above 0 (or 'off'), not '0'");
        assertThatThrownBy(() -> OptionValues.rate("fast")).hasMessageStartingWith("--rate-limit must be a number");
    }

    @Test
    void readsTheConnectThrottle() {
        assertThat(OptionValues.throttle("--connect-throttle", "10/2", "10/2")).isEqualTo(new OptionValues.Throttle(10, Duration.ofSeconds(2)));
        assertThat(OptionValues.throttle("--connect-throttle", "off", "10/2").burst()).isZero();
        for (String bad : new String[] {"5", "5/0", "0/2", "a/b", "5/2/1"}) {
            assertThatThrownBy(() -> OptionValues.throttle("--connect-throttle", bad, "10/2")).hasMessageStartingWith("--connect-throttle must be BURST/SECONDS");
        }
    }

    @Test
    void readsAddressVisibilityAndThreads() {
        assertThat(OptionValues.addresses("YES")).isEqualTo(ServerConfig.AddressVisibility.SHOW);
        assertThat(OptionValues.threads("platform")).isEqualTo(ThreadKind.PLATFORM);
        assertThatThrownBy(() -> OptionValues.threads("green")).hasMessage("--threads must be auto, virtual or platform, not 'green'");
        assertThatThrownBy(() -> OptionValues.seconds("--login-timeout", 0)).hasMessage("--login-timeout must be at least 1 second, not 0");
    }

    @Test
    void readsByteCountsAndTheTransferPort() {
        assertThat(OptionValues.bytes("--max-file-size", "1048576", false)).isEqualTo(1 << 20);
        assertThat(OptionValues.bytes("--max-file-size", "512K", false)).isEqualTo(512 << 10);
        assertThat(OptionValues.bytes("--max-file-size", "100m", false)).isEqualTo(100L << 20);
        assertThat(OptionValues.bytes("--max-file-size", "2G", false)).isEqualTo(2L << 30);
        assertThat(OptionValues.bytes("--transfer-rate", "off", true)).isZero();
        assertThatThrownBy(() -> OptionValues.bytes("--transfer-rate", "0", true))
                .hasMessage("--transfer-rate must be above 0 (or 'off'), not '0'");
        assertThatThrownBy(() -> OptionValues.bytes("--max-file-size", "1T", false))
                .hasMessage("--max-file-size must be a number of bytes like 1048576, 512K, 100M or 1G; not '1T'");
        assertThatThrownBy(() -> OptionValues.bytes("--max-file-size", "off", false)).hasMessageContaining("not 'off'");
        assertThat(OptionValues.transferPort("off")).isEqualTo(-1);
        assertThat(OptionValues.transferPort("4243")).isEqualTo(4243);
        assertThatThrownBy(() -> OptionValues.transferPort("70000"))
                .hasMessage("--transfer-port must be a port (0-65535) or 'off', not '70000'");
    }

    @Test
    void theTransferPortIsTheChatPortPlusOneUnlessSaid() {
        assertThat(ServerConfig.builder().port(4242).build().transfers().port()).isEqualTo(4243);
        assertThat(ServerConfig.builder().port(0).build().transfers().port()).isZero();
        assertThat(ServerConfig.builder().port(4242).transferPort(-1).build().transfers().enabled()).isFalse();
        assertThatThrownBy(() -> ServerConfig.builder().port(65535).build()).hasMessageContaining("--transfer-port");
        assertThatThrownBy(() -> ServerConfig.builder().port(4242).transferPort(4242).build())
                .hasMessage("the transfer port 4242 is the chat's too; choose another --transfer-port (by default it is --port + 1)");
    }

    @Test
    void aPasswordFromAFileGoesIntoTheRedisUrlBesideItsUser() throws Exception {
        assertThat(OptionValues.withPassword(new URI("rediss://redis.example:6380"), "s3cret/ :@").getUserInfo())
                .isEqualTo(":s3cret/ :@");
        assertThat(OptionValues.withPassword(new URI("rediss://chat@redis.example:6380/2"), "pw").toString())
                .isEqualTo("rediss://chat:pw@redis.example:6380/2");
        assertThatThrownBy(() -> OptionValues.withPassword(new URI("redis://:old@h:1"), "pw"))
                .hasMessage("--cluster-password-file: the --cluster URL has a password already");
    }
}
