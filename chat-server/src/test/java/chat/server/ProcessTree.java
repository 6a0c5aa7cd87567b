package chat.server;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Ends a process and everything it started, and returns once they are gone. A program run under a terminal
 * (client.jar or an IRC client in script, xterm, tmux) outlives the terminal for a moment and writes its files
 * under the test's temporary directory as it exits: a test that returned before that would have JUnit delete the
 * directory under its feet.
 */
public final class ProcessTree {
    private ProcessTree() {
    }

    /** Asks {@code root} and its descendants to end (SIGTERM), then forces whatever is left after {@code wait}. */
    public static void end(ProcessHandle root, Duration wait) throws InterruptedException {
        List<ProcessHandle> tree = Stream.concat(Stream.of(root), root.descendants()).toList();
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + wait.toNanos();
        for (ProcessHandle process : tree) {
            try {
                process.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                process.destroyForcibly();
                try {
                    process.onExit().get(10, TimeUnit.SECONDS);
                } catch (TimeoutException | ExecutionException stillThere) {
                    throw new AssertionError("process " + process.pid() + " did not end", stillThere);
                }
            }
        }
    }
}
