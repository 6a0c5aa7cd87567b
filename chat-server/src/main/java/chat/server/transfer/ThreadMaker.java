package chat.server.transfer;

/** Makes an unstarted, named thread (the server's kind: virtual where the JDK has them). */
@FunctionalInterface
public interface ThreadMaker {
    Thread make(String name, Runnable task);
}
