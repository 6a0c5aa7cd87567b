package chat.server;

import java.io.File;
import java.lang.reflect.AnnotatedElement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Fails an {@link Interop} test at once, naming what to install, when a program it runs is not on the PATH. */
final class InteropPrograms implements BeforeEachCallback {
    @Override
    public void beforeEach(ExtensionContext context) {
        List<String> missing = new ArrayList<>();
        for (AnnotatedElement element : List.of(context.getRequiredTestClass(), context.getRequiredTestMethod())) {
            Interop interop = element.getAnnotation(Interop.class);
            if (interop != null) {
                for (String program : interop.value()) {
                    if (!onPath(program)) {
                        missing.add(program);
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new AssertionError("this interop test needs " + String.join(", ", missing) + " on the PATH (README, "
                    + "\"Tests\": the Debian packages .ci/run installs)");
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return true;
            }
        }
        return false;
    }
}
