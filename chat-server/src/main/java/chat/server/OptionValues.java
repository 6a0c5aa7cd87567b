package chat.server;

import chat.server.config.ServerConfig;
import chat.server.config.ThreadKind;
import chat.server.session.SessionThreads;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** A {@code BURST/SECONDS} or {@code off} value of {@code option}; {@code example} shows the form. */
    static Throttle throttle(String option, String value, String example) {
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
            throw new IllegalArgumentException(option + " must be BURST/SECONDS (e.g. " + example + ") or 'off', not '" + value + "'");
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
    static ThreadKind threads(String value) {
        ThreadKind kind;
        try {
            kind = ThreadKind.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--threads must be auto, virtual or platform, not '" + value + "'");
        }
        SessionThreads.of(kind); // refuses virtual on Java 17
        return kind;
    }

    /** A Redis address for {@code --cluster}: {@code redis://HOST:PORT} or {@code rediss://...}. */
    static URI redis(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("redis") || scheme.equals("rediss")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // said below
        }
        throw new IllegalArgumentException("--cluster takes redis://HOST:PORT or rediss://[:PASSWORD@]HOST:PORT"
                + (value.contains("@") ? "" : ", not " + value)); // never echo a password
    }

    /**
     * {@code redis} with the password {@code password} (from {@code --cluster-password-file}) in its user part,
     * keeping a user name it has (a Redis ACL user): the password never appears on the command line.
     */
    static URI withPassword(URI redis, String password) {
        if (redis.getUserInfo() != null && redis.getUserInfo().contains(":")) {
            throw new IllegalArgumentException("--cluster-password-file: the --cluster URL has a password already");
        }
        String user = redis.getUserInfo() == null ? "" : redis.getUserInfo();
        try {
            return new URI(redis.getScheme(), user + ":" + password, redis.getHost(), redis.getPort(), redis.getPath(),
                    null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--cluster-password-file: the password cannot be used in a URL");
        }
    }

    /** A whole number of seconds, at least 1. */
    static Duration seconds(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be at least 1 second, not " + value);
        }
        return Duration.ofSeconds(value);
    }

    /** A byte count: a whole number with an optional {@code K}, {@code M} or {@code G} (powers of 1024), or {@code off} when allowed (0). */
    static long bytes(String option, String value, boolean offAllowed) {
        if (offAllowed && value.equalsIgnoreCase("off")) {
            return 0;
        }
        Matcher m = Pattern.compile("([0-9]{1,15})([kKmMgG]?)").matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException(option + " must be a number of bytes like 1048576, 512K, 100M or 1G"
                    + (offAllowed ? ", or 'off'" : "") + "; not '" + value + "'");
        }
        long n = Long.parseLong(m.group(1));
        int shift = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            default -> 0;
        };
        if (offAllowed && n == 0) {
            throw new IllegalArgumentException(option + " must be above 0 (or 'off'), not '" + value + "'");
        }
        if (n > Long.MAX_VALUE >> shift) {
            throw new IllegalArgumentException(option + " is too large: '" + value + "'");
        }
        return n << shift;
    }

    /** {@code --transfer-port}: a port, or {@code off} (-1). */
    static int transferPort(String value) {
        if (value.equalsIgnoreCase("off")) {
            return -1;
        }
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("--transfer-port must be a port (0-65535) or 'off', not '" + value + "'");
    }
}
