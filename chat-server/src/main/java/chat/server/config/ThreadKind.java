package chat.server.config;

/** Which threads serve connections ({@code --threads}); AUTO means virtual where the JDK has them (21+). */
public enum ThreadKind {
    AUTO,
    VIRTUAL,
    PLATFORM
}
