package chat.server;

import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT (Ctrl+C) into an orderly stop with exit status 0.
 *
 * <p>A shutdown hook alone would run the same cleanup but exit with 128+signal (143, 130). Handling the
 * signal ourselves needs {@code sun.misc.Signal} from jdk.unsupported, so it is kept in this one class.
 */
final class TerminationSignals {
    private TerminationSignals() {}

    /** Runs {@code stop} on TERM or INT, on the JVM's signal thread: it should only tell the main thread. */
    static void install(Runnable stop) {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> stop.run());
        }
    }
}
