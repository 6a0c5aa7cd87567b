package chat.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import chat.server.config.ThreadKind;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What {@link SessionThreads#afterOthers} runs, and where: the store's wake-up depends on it. */
class SessionThreadsTest {
    @Test
    void onPlatformThreadsATaskAfterOthersRunsAtOnceOnTheCallersThread() {
        Thread[] ranOn = new Thread[1];
        SessionThreads.of(ThreadKind.PLATFORM).afterOthers().execute(() -> ranOn[0] = Thread.currentThread());
        assertThat(ranOn[0]).isSameAs(Thread.currentThread());
    }

    /** The server's own kind: on 21+ virtual threads (CI runs the suite on both), on 17 platform threads. */
    @Test
    void theServersOwnKindRunsATaskAfterOthersOnAVirtualThreadWhereItHasThem() throws Exception {
        SessionThreads threads = SessionThreads.of(ThreadKind.AUTO);
        CompletableFuture<Thread> ranOn = new CompletableFuture<>();
        threads.afterOthers().execute(() -> ranOn.complete(Thread.currentThread()));
        Thread thread = ranOn.get(30, TimeUnit.SECONDS);
        if (!threads.isVirtual()) {
            assertThat(Runtime.version().feature()).as("virtual threads where the JDK has them").isLessThan(21);
            assertThat(thread).isSameAs(Thread.currentThread());
            return;
        }
        assertThat(thread).isNotSameAs(Thread.currentThread());
        assertThat(thread.getName()).isEqualTo("chat-after-others");
        assertThat(thread.isDaemon()).as("a virtual thread, which is always a daemon").isTrue();
    }
}
