package chat.client.core;

import chat.common.protocol.Protocol;

/**
 * Where to connect, as a person writes it: {@code host}, {@code host:port}, {@code [v6-address]:port}, or
 * a bare IPv6 address ({@code ::1}). A port given both ways must agree.
 */
public record ServerAddress(String host, int port) {

    /**
     * @param hostOption what was given with {@code --host}
     * @param portOption what was given with {@code --port}, or null
     * @throws IllegalArgumentException with a sentence for the person
     */
    public static ServerAddress parse(String hostOption, Integer portOption) {
        String host = hostOption.strip();
        Integer port = null;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("--host '" + hostOption + "' has '[' without ']'");
            }
            String rest = host.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw new IllegalArgumentException("--host '" + hostOption + "': expected ':PORT' after ']'");
            }
            port = rest.isEmpty() ? null : parsePort(rest.substring(1), hostOption);
            host = host.substring(1, close);
        } else if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
            int colon = host.indexOf(':');
            port = parsePort(host.substring(colon + 1), hostOption);
            host = host.substring(0, colon);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("--host '" + hostOption + "' names no host");
        }
        if (port != null && portOption != null && !port.equals(portOption)) {
            throw new IllegalArgumentException("--host " + hostOption + " and --port " + portOption + " name different ports");
        }
        int chosen = port != null ? port : portOption != null ? portOption : Protocol.DEFAULT_PORT;
        if (chosen < 1 || chosen > 65535) {
            throw new IllegalArgumentException("--port must be between 1 and 65535, not " + chosen);
        }
        return new ServerAddress(host, chosen);
    }

    private static int parsePort(String text, String hostOption) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--host '" + hostOption + "': '" + text + "' is not a port number");
        }
    }
}
