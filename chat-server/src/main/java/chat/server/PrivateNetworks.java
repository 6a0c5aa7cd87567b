package chat.server;

import chat.server.config.ServerConfig;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/**
 * Decides whether members see each other's addresses: by default only on a server that other people on
 * the Internet cannot reach, where addresses tell nothing new to anyone (docs/SECURITY.md, "Privacy").
 */
final class PrivateNetworks {
    private PrivateNetworks() {}

    /** Whether {@code JOIN} lines carry addresses on a server bound to {@code bound}. */
    static boolean showAddresses(ServerConfig.AddressVisibility visibility, InetAddress bound) {
        switch (visibility) {
            case SHOW:
                return true;
            case HIDE:
                return false;
            default:
                return bound.isAnyLocalAddress() ? everyInterfaceIsPrivate() : isPrivate(bound);
        }
    }

    /** Loopback, link-local, RFC 1918 (10/8, 172.16/12, 192.168/16), or IPv6 unique-local (fc00::/7). */
    static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()) {
            return true;
        }
        return address instanceof Inet6Address && (address.getAddress()[0] & 0xFE) == 0xFC;
    }

    private static boolean everyInterfaceIsPrivate() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (!isPrivate(address)) {
                        return false;
                    }
                }
            }
            return true;
        } catch (SocketException e) {
            return false; // cannot tell: hide, the safe side
        }
    }
}
