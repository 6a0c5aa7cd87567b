package chat.server.admission;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * What counts as one client address for the per-address limits: an IPv4 address, or the /64 network of an
 * IPv6 address (one subscriber usually gets a whole /64, so counting single IPv6 addresses would give one
 * host millions of allowances).
 */
public record AddressKey(InetAddress network) {
    private static final int IPV6_PREFIX_BYTES = 8;

    public static AddressKey of(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] bytes = Arrays.copyOf(address.getAddress(), 16);
            Arrays.fill(bytes, IPV6_PREFIX_BYTES, 16, (byte) 0);
            try {
                return new AddressKey(InetAddress.getByAddress(bytes));
            } catch (UnknownHostException e) {
                throw new AssertionError("16 bytes are an IPv6 address", e);
            }
        }
        return new AddressKey(address);
    }

    @Override
    public String toString() {
        return network instanceof Inet6Address ? network.getHostAddress() + "/64" : network.getHostAddress();
    }
}
