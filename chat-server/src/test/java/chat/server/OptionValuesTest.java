package chat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertThat(OptionValues.throttle("10/2")).isEqualTo(new OptionValues.Throttle(10, Duration.ofSeconds(2)));
        assertThat(OptionValues.throttle("off").burst()).isZero();
        for (String bad : new String[] {"5", "5/0", "0/2", "a/b", "5/2/1"}) {
            assertThatThrownBy(() -> OptionValues.throttle(bad)).hasMessageStartingWith("--connect-throttle must be BURST/SECONDS");
        }
    }

    @Test
    void readsAddressVisibilityAndThreads() {
        assertThat(OptionValues.addresses("YES")).isEqualTo(ServerConfig.AddressVisibility.SHOW);
        assertThat(OptionValues.threads("platform")).isEqualTo(SessionThreads.Kind.PLATFORM);
        assertThatThrownBy(() -> OptionValues.threads("green")).hasMessage("--threads must be auto, virtual or platform, not 'green'");
        assertThatThrownBy(() -> OptionValues.seconds("--login-timeout", 0)).hasMessage("--login-timeout must be at least 1 second, not 0");
    }
}
