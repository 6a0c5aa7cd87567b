package chat.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PublisherTest {

    @Test
    void streamIdsOrderByTimeThenSequenceAsNumbers() {
        assertThat(Publisher.compareIds("1700000000000-5", "1700000000000-5")).isZero();
        assertThat(Publisher.compareIds("1700000000000-9", "1700000000000-10")).isNegative(); // not as text
        assertThat(Publisher.compareIds("999-0", "1000-0")).isNegative();
        assertThat(Publisher.compareIds("1700000000001-0", "1700000000000-99")).isPositive();
        assertThat(Publisher.compareIds("0-0", "1-0")).isNegative();
    }
}
