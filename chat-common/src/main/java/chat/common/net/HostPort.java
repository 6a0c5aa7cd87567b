package chat.common.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Addresses written the way people write them: {@code 127.0.0.1:65432}, {@code [::1]:65432}. */
public final class HostPort {
    private HostPort() {}

    public static String format(InetSocketAddress address) {
        return format(address.getAddress(), address.getPort());
    }

    public static String format(InetAddress address, int port) {
        return format(host(address), port);
    }

    /** {@code host} (a name or an address) and {@code port}; an IPv6 address in brackets. */
    public static String format(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The address alone; IPv6 in its shortest form, with its scope only where it is needed (link-local). */
    public static String host(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] bytes = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF);
        }
        // the longest run of two or more zero groups becomes "::" (RFC 5952)
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        Inet6Address v6 = (Inet6Address) address;
        if (address.isLinkLocalAddress() && v6.getScopedInterface() != null) {
            sb.append('%').append(v6.getScopedInterface().getName());
        }
        return sb.toString();
    }
}
