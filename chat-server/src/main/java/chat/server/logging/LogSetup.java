package chat.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The server's logging, set up in code (logback finds it through {@code META-INF/services}) rather than read from a
 * {@code logback.xml}: reading the XML loaded some 600 classes, the XML parser's and logback's, and took about 0.4 s of
 * a start that should take less than one second. Lines as {@link LogLine} writes them, on stdout from a background
 * thread, which never holds up serving ({@link NonBlockingAppender}, docs/OPERATIONS.md "Logging").
 *
 * <p>An operator's own file ({@code -Dlogback.configurationFile=...}) is read instead, as is a test's
 * {@code logback-test.xml}.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
    private static final int QUEUE_LINES = 1024;

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY; // logback reads that file
        }
        LogLine layout = new LogLine();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("CONSOLE");
        console.setEncoder(encoder);
        console.start();
        NonBlockingAppender async = new NonBlockingAppender();
        async.setContext(context);
        async.setName("ASYNC"); // its thread: AsyncAppender-Worker-ASYNC
        async.setQueueSize(QUEUE_LINES);
        async.setIncludeCallerData(false);
        async.addAppender(console);
        async.start();
        SqliteLoaderFilter sqliteLoader = new SqliteLoaderFilter();
        sqliteLoader.setContext(context);
        sqliteLoader.start();
        context.addTurboFilter(sqliteLoader);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(async);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
