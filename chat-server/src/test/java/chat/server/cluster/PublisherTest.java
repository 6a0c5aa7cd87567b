package chat.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PublisherTest {

    @Test
    void streamIdsOrderByTimeThenSequenceAsNumbers() {
        assertThat(Publisher.compareIds("1700000000000-5", "1700000000000-5")).isZero();
        assertThat(Publisher.compareIds("1700000000000-9", "1700000000000-10")).isNegative(); // not as text
        assertThat(Publisher.compareIds("999-0", "1000-0")).isNegative();
        assertThat(Publisher.compareIds("1700000000001-0", "1700000000000-99")).isPositive();
        assertThat(Publisher.compareIds("0-0", "1-0")).isNegative();
    }

    /**
     * A slow Redis (here a sink that appends one batch each time the test lets it, every 200 ms) and a full
     * queue: senders wait far longer than the 1 s maximum wait in all, and none is refused, because lines keep
     * going out. A sink that stops for good makes the waiting senders give up after that 1 s.
     */
    @Test
    @Timeout(60)
    void aSenderWaitsAsLongAsLinesKeepGoingOutAndGivesUpOnlyWhenNoneDo() throws Exception {
        Semaphore appends = new Semaphore(0);
        List<StreamRecord> appended = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger calls = new AtomicInteger();
        Publisher.Sink slow = (seq, batch) -> {
            calls.incrementAndGet();
            appends.acquireUninterruptibly();
            appended.addAll(batch);
            return "";
        };
        LinkState link = linkNobodyWatches();
        Publisher publisher = new Publisher(slow, 1, 1_000, link, ClusterNode.PLATFORM_THREADS);
        publisher.start();
        ExecutorService senders = Executors.newFixedThreadPool(12);
        try {
            List<Future<Boolean>> offered = new ArrayList<>();
            for (int i = 0; i < 12; i++) { // one line goes out per append: the last waits about 12 x 200 ms
                StreamRecord line = new StreamRecord.Said(0, "MSG s line " + i);
                offered.add(senders.submit(() -> publisher.offer(line, 1_000)));
            }
            var redisPace = Executors.newSingleThreadScheduledExecutor(); // the slow Redis: one append per 200 ms
            try {
                redisPace.scheduleAtFixedRate(appends::release, 200, 200, TimeUnit.MILLISECONDS);
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> appended.size() == 12);
            } finally {
                redisPace.shutdownNow();
            }
            for (Future<Boolean> f : offered) {
                assertThat(f.get(10, TimeUnit.SECONDS)).as("a line offered while lines kept going out").isTrue();
            }
            assertThat(appended).hasSize(12);

            // now the sink takes one more line and stops: the queue fills and a waiting sender gives up
            appends.drainPermits();
            assertThat(publisher.offer(new StreamRecord.Said(0, "MSG s stuck 1"), 1_000)).isTrue();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> calls.get() == 13);
            assertThat(publisher.offer(new StreamRecord.Said(0, "MSG s stuck 2"), 1_000)).isTrue(); // queued
            long start = System.nanoTime();
            assertThat(publisher.offer(new StreamRecord.Said(0, "MSG s stuck 3"), 1_000)).isFalse();
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(900));
        } finally {
            senders.shutdownNow();
            appends.release(100);
            publisher.drainAndStop(5_000);
        }
    }

    /**
     * The reader may read a batch before the publisher has its answer (both wait on Redis; with virtual threads
     * the reader often wins): that batch counts as read back. It once stayed "unread" until the next batch was
     * read, so every batch waited the full second for its read-back (ClusterIT's burst took over 120 s on
     * JDK 25). Here the sink lets the reader read each batch before it answers.
     */
    @Test
    @Timeout(60)
    void aBatchReadBackBeforeItsAnswerCameDoesNotHoldTheNextOne() throws Exception {
        AtomicReference<Publisher> self = new AtomicReference<>();
        AtomicInteger entries = new AtomicInteger();
        Publisher.Sink readFirst = (seq, batch) -> {
            String last = "1-" + entries.addAndGet(batch.size());
            self.get().readUpTo(last); // the reader has it before the answer comes back
            return last;
        };
        LinkState link = linkNobodyWatches();
        Publisher publisher = new Publisher(readFirst, 1_000, 2, link, ClusterNode.PLATFORM_THREADS); // 2 lines ahead
        self.set(publisher);
        publisher.start();
        try {
            for (int i = 0; i < 20; i++) {
                assertThat(publisher.offer(new StreamRecord.Said(0, "MSG s line " + i), 1_000)).isTrue();
            }
            // with each batch of at most 2 waiting its full second, these 20 lines would take about 10 s
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> entries.get() == 20);
        } finally {
            publisher.drainAndStop(5_000);
        }
    }

    private static LinkState linkNobodyWatches() {
        return new LinkState("test", new LinkState.Listener() {
            @Override
            public void linkDown() {}

            @Override
            public void linkUp() {}
        });
    }
}
