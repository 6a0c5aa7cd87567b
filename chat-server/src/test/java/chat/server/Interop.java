package chat.server;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test whose peer or tool is a foreign program ({@code openssl}, {@code ncat}, util-linux {@code script},
 * {@code tmux}, {@code xterm} on an X display, {@code ii}): it runs in the {@code interop} profile ({@code ./mvnw verify
 * -Pinterop}), not in the plain build, which needs only a JDK. There a missing program fails the test with a
 * sentence naming it, never skips it.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(Interop.TAG)
@ExtendWith(InteropPrograms.class)
public @interface Interop {
    String TAG = "interop";

    /** The programs the test runs, looked up on the PATH before it starts. */
    String[] value();
}
