package chat.server.config;

/**
 * Makes an unstarted, named thread: the server's kind for sessions, a node's message path and transfers
 * (virtual where the JDK has them, see {@code SessionThreads}); tests pass one that fails as a system out of
 * threads would.
 */
@FunctionalInterface
public interface ThreadMaker {
    Thread make(String name, Runnable task);
}
