package chat.client.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Component;
import java.awt.Container;
import java.awt.GraphicsEnvironment;
import java.awt.Window;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.JButton;
import javax.swing.SwingUtilities;

/** Drives real Swing components the way the event thread would: every look and every touch runs on it. */
public final class Edt {
    private Edt() {}

    /**
     * Fails, saying why, where there is no display: for an interop test that looks at a real X screen (run
     * under {@code xvfb-run -a}, as .ci/run does); the window's own tests use a virtual screen instead.
     */
    public static void requireDisplay() {
        assertThat(GraphicsEnvironment.isHeadless())
                .as("this test needs an X display: run it under xvfb-run -a (DISPLAY is '%s')", System.getenv("DISPLAY"))
                .isFalse();
    }

    static <T> T call(Callable<T> task) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try {
            SwingUtilities.invokeAndWait(() -> {
                try {
                    result.set(task.call());
                } catch (Exception e) {
                    failure.set(e);
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        }
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
        return result.get();
    }

    static void run(Runnable task) {
        call(() -> {
            task.run();
            return null;
        });
    }

    /** The component called {@code name} inside {@code root}; fails if there is none. Event thread. */
    static <T extends Component> T find(Container root, String name, Class<T> type) {
        T found = findOrNull(root, name, type);
        if (found == null) {
            throw new AssertionError("no " + type.getSimpleName() + " named '" + name + "' in " + root.getName());
        }
        return found;
    }

    static <T extends Component> T findOrNull(Container root, String name, Class<T> type) {
        for (Component c : root.getComponents()) {
            if (name.equals(c.getName()) && type.isInstance(c)) {
                return type.cast(c);
            }
            if (c instanceof Container inner) {
                T found = findOrNull(inner, name, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The window on screen whose name starts with {@code prefix} (a file offered's dialog: "offer-"), or null. Event thread. */
    static Window showing(String prefix) {
        for (Window w : Window.getWindows()) {
            if (w.isShowing() && w.getName() != null && w.getName().startsWith(prefix)) {
                return w;
            }
        }
        return null;
    }

    /** Every button inside {@code root}. Event thread. */
    static List<JButton> buttons(Container root) {
        List<JButton> found = new ArrayList<>();
        for (Component c : root.getComponents()) {
            if (c instanceof JButton b) {
                found.add(b);
            }
            if (c instanceof Container inner) {
                found.addAll(buttons(inner));
            }
        }
        return found;
    }
}
