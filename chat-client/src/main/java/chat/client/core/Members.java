package chat.client.core;

import chat.common.protocol.ServerEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Who is online, as the server's {@code USERS}, {@code JOIN} and {@code LEAVE} lines tell it: names sorted
 * ignoring case, with the address {@code JOIN} showed where it showed one. Thread-safe.
 */
public final class Members {
    private final TreeMap<String, String> byKey = new TreeMap<>(); // lower-case name -> "name address"; guarded by this

    /** Takes in what {@code event} says about membership; other events change nothing. */
    synchronized void apply(ServerEvent event) {
        if (event instanceof ServerEvent.Users users) {
            TreeMap<String, String> fresh = new TreeMap<>();
            for (String name : users.names()) {
                String old = byKey.get(key(name));
                fresh.put(key(name), old != null ? old : name);
            }
            byKey.clear();
            byKey.putAll(fresh);
        } else if (event instanceof ServerEvent.Join join) {
            byKey.put(key(join.name()), join.address().equals("-") ? join.name() : join.name() + " " + join.address());
        } else if (event instanceof ServerEvent.Leave leave) {
            byKey.remove(key(leave.name()));
        }
    }

    synchronized void clear() {
        byKey.clear();
    }

    /** The names online, sorted ignoring case. */
    public synchronized List<String> names() {
        List<String> names = new ArrayList<>();
        byKey.values().forEach(v -> names.add(v.split(" ", 2)[0]));
        return names;
    }

    /** The address {@code name} joined from, or null where the server did not show it. */
    public synchronized String address(String name) {
        String entry = byKey.get(key(name));
        return entry == null || entry.indexOf(' ') < 0 ? null : entry.substring(entry.indexOf(' ') + 1);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
