package chat.server.session;

import chat.server.config.ThreadKind;
import chat.server.config.ThreadMaker;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the threads that serve connections: virtual threads where the JDK has them (21+), a reader and a writer
 * for each connection; else platform threads with small stacks, a reader for each, the writes left to a pool.
 *
 * <p>The code is compiled for Java 17, where {@code Thread.ofVirtual()} does not exist, so it is reached by
 * method handles; on 17 the lookup fails and platform threads are used. Keep this the only place that knows.
 */
public final class SessionThreads {
    /** Enough for a session's calls (socket I/O, logging); committed lazily by the OS, so mostly unused. */
    private static final long PLATFORM_STACK_BYTES = 256 * 1024;

    private static final MethodHandle OF_VIRTUAL = findOfVirtual();
    private static final MethodHandle NAME = findBuilderMethod("name", String.class);
    private static final MethodHandle UNSTARTED = findBuilderMethod("unstarted", Runnable.class);

    private final boolean virtual;
    private final boolean poolsWriters;
    private final ThreadMaker maker;
    private final AtomicInteger running = new AtomicInteger();

    private SessionThreads(boolean virtual) {
        this.virtual = virtual;
        this.poolsWriters = !virtual;
        this.maker = this::create;
    }

    /** Threads from {@code maker}, counted like the real ones, a reader and a writer for each connection. */
    public SessionThreads(ThreadMaker maker) {
        this.virtual = false;
        this.poolsWriters = false;
        this.maker = maker;
    }

    /** @throws IllegalArgumentException if virtual threads are asked for on a JDK without them */
    public static SessionThreads of(ThreadKind kind) {
        switch (kind) {
            case VIRTUAL:
                if (!virtualAvailable()) {
                    throw new IllegalArgumentException(
                            "virtual threads need Java 21 or newer; this is Java " + Runtime.version().feature());
                }
                return new SessionThreads(true);
            case PLATFORM:
                return new SessionThreads(false);
            default:
                return new SessionThreads(virtualAvailable());
        }
    }

    public static boolean virtualAvailable() {
        return OF_VIRTUAL != null && NAME != null && UNSTARTED != null;
    }

    public boolean isVirtual() {
        return virtual;
    }

    /**
     * Whether connections are written by a {@code WriterPool} rather than by a writer thread each: with platform
     * threads, where a thread each costs a switch of the processor per line (see there).
     */
    public boolean poolsWriters() {
        return poolsWriters;
    }

    /**
     * Runs quick tasks (a wake-up) after the threads made runnable so far have had their turn, on virtual threads:
     * each from a new virtual thread that yields first, and the carriers take runnable threads in order, so it runs
     * after what the caller has woken (a broadcast's writers). On platform threads, and for threads of a test's
     * maker, at once.
     */
    public Executor afterOthers() {
        if (!virtual) {
            return Runnable::run;
        }
        return task -> create("chat-after-others", () -> {
            Thread.yield();
            task.run();
        }).start();
    }

    /** Threads made here that are running now: after every connection has ended, 0. */
    public int running() {
        return running.get();
    }

    /** An unstarted thread with the given name. */
    public Thread newThread(String name, Runnable task) {
        Runnable counted = () -> {
            running.incrementAndGet();
            try {
                task.run();
            } finally {
                running.decrementAndGet();
            }
        };
        return maker.make(name, counted);
    }

    private Thread create(String name, Runnable task) {
        if (virtual) {
            try {
                Object builder = OF_VIRTUAL.invoke();
                builder = NAME.invoke(builder, name);
                return (Thread) UNSTARTED.invoke(builder, task);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot create a virtual thread", e);
            }
        }
        Thread thread = new Thread(null, task, name, PLATFORM_STACK_BYTES);
        thread.setDaemon(true);
        return thread;
    }

    private static MethodHandle findOfVirtual() {
        try {
            Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
            return MethodHandles.publicLookup().findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtual));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static MethodHandle findBuilderMethod(String method, Class<?> parameter) {
        try {
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            Class<?> returns = method.equals("unstarted") ? Thread.class : builder;
            return MethodHandles.publicLookup()
                    .findVirtual(builder, method, MethodType.methodType(returns, parameter));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
