package chat.server;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Actions at set times on scheduler threads: the pace of a test's people (a sender at 5 lines a second, a
 * slow reader, someone who thinks before typing), never a wait for an outcome, which tests do with a
 * deadline on the returned future or on the lines that follow.
 */
final class Ticker implements AutoCloseable {
    /** Something a tick does; may throw, which fails the tick's future. */
    interface Action {
        void run() throws Exception;
    }

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4, task -> {
        Thread thread = new Thread(task, "test-ticker");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Runs {@code action} {@code times} times, every {@code period} (the first at once).
     *
     * @return completes after the last run, or with the first failure; cancelling it stops the ticks
     */
    CompletableFuture<Void> repeat(int times, Duration period, Action action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicInteger runs = new AtomicInteger();
        ScheduledFuture<?> ticks = scheduler.scheduleAtFixedRate(() -> {
            if (done.isDone()) {
                return;
            }
            try {
                action.run();
                if (runs.incrementAndGet() == times) {
                    done.complete(null);
                }
            } catch (Exception | AssertionError e) {
                done.completeExceptionally(e);
            }
        }, 0, period.toNanos(), TimeUnit.NANOSECONDS);
        done.whenComplete((v, e) -> ticks.cancel(false));
        return done;
    }

    /** Runs {@code action} once after {@code delay}; the future completes when it has run. */
    CompletableFuture<Void> after(Duration delay, Action action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.schedule(() -> {
            try {
                action.run();
                done.complete(null);
            } catch (Exception | AssertionError e) {
                done.completeExceptionally(e);
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
        return done;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
