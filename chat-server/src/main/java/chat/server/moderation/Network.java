package chat.server.moderation;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network: {@code 10.0.0.7} (one address), {@code 10.0.0.0/24}, {@code 2001:db8::/48}.
 * Only address literals are read, so parsing never asks a name server.
 */
public record Network(InetAddress base, int prefix) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    public Network {
        int bits = base.getAddress().length * 8;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix must be 0-" + bits);
        }
        base = masked(base, prefix);
    }

    /** The network {@code text} names, or null if it is not an address literal with an optional prefix. */
    public static Network parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        if (!IPV4.matcher(address).matches() && !IPV6.matcher(address).matches()) {
            return null;
        }
        try {
            InetAddress base = InetAddress.getByName(address); // a literal: no lookup
            int bits = base.getAddress().length * 8;
            int prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
            return new Network(base, prefix);
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null; // NumberFormatException is one
        }
    }

    /** The single address {@code address}. */
    public static Network of(InetAddress address) {
        return new Network(address, address.getAddress().length * 8);
    }

    public boolean contains(InetAddress address) {
        byte[] mine = base.getAddress();
        byte[] theirs = address.getAddress();
        return mine.length == theirs.length && Arrays.equals(mine, masked(address, prefix).getAddress());
    }

    private static InetAddress masked(InetAddress address, int prefix) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - 8 * i));
            bytes[i] &= (byte) (0xFF << (8 - keep));
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are an address", e);
        }
    }

    /** {@code 10.0.0.7} for one address, else {@code 10.0.0.0/24}; parses back to this network. */
    @Override
    public String toString() {
        String host = base.getHostAddress();
        return prefix == base.getAddress().length * 8 ? host : host + "/" + prefix;
    }
}
