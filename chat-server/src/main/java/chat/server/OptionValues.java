package chat.server;

import java.time.Duration;
import java.util.Locale;

/**
 * Reads the option values that are more than a number: each method returns the value or throws
 * {@link IllegalArgumentException} with the one-line sentence a person sees after {@code Error:}.
 */
final class OptionValues {
    /** A connection throttle: {@code burst} 0 means off. */
    record Throttle(int burst, Duration interval) {}

    private OptionValues() {}

    /** {@code --rate-limit}: lines per second, or {@code off} (0). */
    static double rate(String value) {
        if (value.equalsIgnoreCase("off")) {
            return 0;
        }
        double perSecond;
        try {
            perSecond = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--rate-limit must be a number of lines per second or 'off', not '" + value + "'");
        }
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("--rate-limit must be above 0 (or 'off'), not '" + value + "'");
        }
        return perSecond;
    }

    /** {@code --connect-throttle}: {@code BURST/SECONDS}, or {@code off}. */
    static Throttle throttle(String value) {
        if (value.equalsIgnoreCase("off")) {
            return new Throttle(0, Duration.ofSeconds(1));
        }
        String[] parts = value.split("/", -1);
        int burst = -1;
        int seconds = -1;
        try {
            if (parts.length == 2) {
                burst = Integer.parseInt(parts[0].strip());
                seconds = Integer.parseInt(parts[1].strip());
            }
        } catch (NumberFormatException e) {
            // said below
        }
        if (burst < 1 || seconds < 1) {
            throw new IllegalArgumentException("--connect-throttle must be BURST/SECONDS (e.g. 10/2) or 'off', not '" + value + "'");
        }
        return new Throttle(burst, Duration.ofSeconds(seconds));
    }

    /** {@code --show-addresses}: auto, yes or no. */
    static ServerConfig.AddressVisibility addresses(String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "auto":
                return ServerConfig.AddressVisibility.AUTO;
            case "yes":
                return ServerConfig.AddressVisibility.SHOW;
            case "no":
                return ServerConfig.AddressVisibility.HIDE;
            default:
                throw new IllegalArgumentException("--show-addresses must be auto, yes or no, not '" + value + "'");
        }
    }

    /** {@code --threads}: auto, virtual or platform; virtual only where the JDK has them. */
    static SessionThreads.Kind threads(String value) {
        SessionThreads.Kind kind;
        try {
            kind = SessionThreads.Kind.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--threads must be auto, virtual or platform, not '" + value + "'");
        }
        SessionThreads.of(kind); // refuses virtual on Java 17
        return kind;
    }

    /** A whole number of seconds, at least 1. */
    static Duration seconds(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be at least 1 second, not " + value);
        }
        return Duration.ofSeconds(value);
    }
}
