package chat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IrcRepliesTest {
    @Test
    void masksOfNicksMatchAsIrcGlobs() {
        assertThat(IrcReplies.globMatches("coolnick", "coolnick")).isTrue();
        assertThat(IrcReplies.globMatches("coolni*", "coolnick")).isTrue();
        assertThat(IrcReplies.globMatches("*", "coolnick")).isTrue();
        assertThat(IrcReplies.globMatches("c??lnick", "coolnick")).isTrue();
        assertThat(IrcReplies.globMatches("*nick", "coolnick")).isTrue();
        assertThat(IrcReplies.globMatches("c*l*k", "coolnick")).isTrue();
        assertThat(IrcReplies.globMatches("coolni", "coolnick")).isFalse();
        assertThat(IrcReplies.globMatches("?coolnick", "coolnick")).isFalse();
        assertThat(IrcReplies.globMatches("c*x", "coolnick")).isFalse();
        assertThat(IrcReplies.globMatches("", "coolnick")).isFalse();
        // a mask of many stars against a long name that almost matches: a backtracking regex would take ages
        assertThat(IrcReplies.globMatches("*a".repeat(200) + "*b", "a".repeat(20))).isFalse();
        assertThat(IrcReplies.globMatches("*a".repeat(10) + "*", "a".repeat(20))).isTrue();
    }
}
