package chat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a WHO's {@code %FIELDS[,TOKEN]} asks for, read as anyone's input. */
class WhoxTest {
    @Test
    void aWhoWithoutAPercentSignIsAPlainWho() {
        assertThat(Whox.parse("")).isNull();
        assertThat(Whox.parse("o")).isNull(); // RFC 1459's "operators only" flag, not WHOX
    }

    @Test
    void theFieldsAreKeptInWhoxsOrderOnceEachAndUnknownOnesDropped() {
        assertThat(Whox.parse("%rnt,5")).isEqualTo(new Whox("tnr", "5"));
        assertThat(Whox.parse("%nnnzz!%a")).isEqualTo(new Whox("na", "0"));
        assertThat(Whox.parse("%")).isEqualTo(new Whox("", "0"));
    }

    @Test
    void aTokenIsOneToThreeDigitsElseZero() {
        assertThat(Whox.parse("%t,123").token()).isEqualTo("123");
        assertThat(Whox.parse("%t,1234").token()).isEqualTo("0");
        assertThat(Whox.parse("%t,12a").token()).isEqualTo("0");
        assertThat(Whox.parse("%t,").token()).isEqualTo("0");
        assertThat(Whox.parse("%t,1,2").token()).isEqualTo("0");
    }
}
