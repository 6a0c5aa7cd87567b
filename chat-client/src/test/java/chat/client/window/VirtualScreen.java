package chat.client.window;

import chat.client.ClientMain;
import chat.server.JarProcess;
import com.github.caciocavallosilano.cacio.ctc.junit.CacioExtension;
import com.github.caciocavallosilano.cacio.peer.PlatformWindowFactory;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.platform.commons.util.AnnotationUtils;
import org.opentest4j.AssertionFailedError;

/**
 * The client jar's own main on Caciocavallo's virtual screen, in a process of its own: a test of the window
 * started as a person starts it, with no X server. The class path is the jar and Caciocavallo's parts only, so
 * a class missing from the jar is missing here too.
 */
public final class VirtualScreen {
    /**
     * Where the virtual screen comes from, one class of each: this launcher, Caciocavallo and what its
     * extension loads (ByteBuddy and its agent, JUnit's extension API). Nothing of the client's but the jar.
     */
    private static final List<Class<?>> SCREEN_PARTS = List.of(VirtualScreen.class, CacioExtension.class,
            PlatformWindowFactory.class, ByteBuddy.class, ByteBuddyAgent.class, ExecutionCondition.class,
            AnnotationUtils.class, API.class, AssertionFailedError.class);

    private VirtualScreen() {}

    /** The child's main, a class of its own: the launcher's start would need the tests' classes, not on its path. */
    public static final class Main {
        public static void main(String[] args) throws Exception {
            // loading the extension installs the virtual screen (its static initialiser), before anything touches AWT
            Class.forName(CacioExtension.class.getName(), true, Main.class.getClassLoader());
            ClientMain.main(args);
        }
    }

    /** Starts {@code clientJar}'s main with {@code args} on a virtual screen (JarProcess's environment rules). */
    public static JarProcess start(Map<String, String> env, Path clientJar, String... args) throws Exception {
        String options = System.getProperty("cacio.argLine");
        if (options == null) {
            throw new IllegalStateException("cacio.argLine is not set: run this test through Maven (chat-client's pom sets it)");
        }
        List<String> classPath = new ArrayList<>(List.of(clientJar.toString()));
        for (Class<?> part : SCREEN_PARTS) {
            classPath.add(Path.of(part.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        List<String> javaArgs = new ArrayList<>(Arrays.asList(options.trim().split("\\s+")));
        javaArgs.addAll(List.of("-cp", String.join(File.pathSeparator, classPath), Main.class.getName()));
        javaArgs.addAll(List.of(args));
        return JarProcess.java(env, javaArgs);
    }
}
