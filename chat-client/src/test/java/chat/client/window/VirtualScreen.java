package chat.client.window;

import chat.client.ClientMain;
import chat.server.JarProcess;
import com.github.caciocavallosilano.cacio.ctc.junit.CacioExtension;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The client jar's own main on Caciocavallo's virtual screen, in a process of its own: a test of the window
 * started as a person starts it, with no X server. The jar comes first on the class path, so its classes are
 * the ones that run; the tests' class path only adds Caciocavallo.
 */
public final class VirtualScreen {
    private VirtualScreen() {}

    public static void main(String[] args) throws Exception {
        // loading the extension installs the virtual screen (its static initialiser), before anything touches AWT
        Class.forName(CacioExtension.class.getName(), true, VirtualScreen.class.getClassLoader());
        ClientMain.main(args);
    }

    /** Starts {@code clientJar}'s main with {@code args} on a virtual screen (JarProcess's environment rules). */
    public static JarProcess start(Map<String, String> env, Path clientJar, String... args) throws IOException {
        String options = System.getProperty("cacio.argLine");
        if (options == null) {
            throw new IllegalStateException("cacio.argLine is not set: run this test through Maven (chat-client's pom sets it)");
        }
        List<String> javaArgs = new ArrayList<>(Arrays.asList(options.trim().split("\\s+")));
        javaArgs.addAll(List.of("-cp", clientJar + File.pathSeparator + System.getProperty("java.class.path"),
                VirtualScreen.class.getName()));
        javaArgs.addAll(List.of(args));
        return JarProcess.java(env, javaArgs);
    }
}
