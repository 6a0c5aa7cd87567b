package chat.client.window;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.swing.SwingUtilities;

/**
 * Hands lines from the receiving thread to the event thread in batches. One hand-over is scheduled
 * whenever lines wait and none is scheduled yet; each takes at most {@value #PER_TURN} lines and schedules
 * the next, so that typing and repainting get their turns during a burst of thousands.
 *
 * <p>Bounded: at most {@code capacity} lines wait (the scrollback's size, since older ones would scroll out
 * of it anyway); beyond that the oldest waiting lines are dropped, and the batch that follows says so.
 */
final class LineBatcher {
    static final int PER_TURN = 250;

    private final int capacity;
    private final Consumer<Batch> onEventThread;
    private final ArrayDeque<Line> waiting = new ArrayDeque<>(); // guarded by this
    private boolean scheduled; // guarded by this
    private int dropped; // guarded by this

    /** Lines for the event thread, and how many waiting lines were dropped before them. */
    record Batch(List<Line> lines, int dropped) {}

    LineBatcher(int capacity, Consumer<Batch> onEventThread) {
        this.capacity = capacity;
        this.onEventThread = onEventThread;
    }

    /** From any thread. */
    void add(Line line) {
        synchronized (this) {
            if (waiting.size() == capacity) {
                waiting.removeFirst();
                dropped++;
            }
            waiting.addLast(line);
            if (scheduled) {
                return;
            }
            scheduled = true;
        }
        SwingUtilities.invokeLater(this::handOver);
    }

    private void handOver() {
        Batch batch;
        boolean more;
        synchronized (this) {
            List<Line> lines = new ArrayList<>(Math.min(PER_TURN, waiting.size()));
            while (lines.size() < PER_TURN && !waiting.isEmpty()) {
                lines.add(waiting.removeFirst());
            }
            batch = new Batch(lines, dropped);
            dropped = 0;
            more = !waiting.isEmpty();
            scheduled = more;
        }
        if (more) {
            SwingUtilities.invokeLater(this::handOver); // after whatever else is waiting for the event thread
        }
        onEventThread.accept(batch);
    }
}
