package chat.bench;

import java.util.Locale;

/** What one run measured; printed as a table and as one JSON line (read back by {@link BenchReport}). */
record Results(
        String label,
        String target,
        int clients,
        int senders,
        int messages,
        double rate,
        double loginSeconds,
        long expected,
        long delivered,
        long lost,
        long duplicated,
        long outOfOrder,
        long garbled,
        double seconds,
        double deliveriesPerSecond,
        double p50Millis,
        double p99Millis,
        double maxMillis,
        double generatorCpuPercent,
        double serverCpuSeconds,
        double serverLoginCpuSeconds,
        double serverRssMiB,
        long serverWrites,
        double redisCpuSeconds) {

    /** Server CPU seconds per million deliveries, the cost measure of the targets. */
    double serverCpuPerMillion() {
        return delivered == 0 ? Double.NaN : serverCpuSeconds / (delivered / 1e6);
    }

    /** Redis CPU microseconds per message sent (each message is one stream entry); NaN without Redis. */
    double redisMicrosPerMessage() {
        return redisCpuSeconds / ((double) senders * messages) * 1e6;
    }

    String json() {
        return String.format(Locale.ROOT,
                "{\"label\":\"%s\",\"target\":\"%s\",\"clients\":%d,\"senders\":%d,\"messages\":%d,\"rate\":%.1f,"
                        + "\"login_s\":%.3f,\"expected\":%d,\"delivered\":%d,\"lost\":%d,\"duplicated\":%d,"
                        + "\"out_of_order\":%d,\"garbled\":%d,\"seconds\":%.3f,\"deliveries_per_s\":%.0f,"
                        + "\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f,\"generator_cpu_pct\":%.1f,"
                        + "\"server_cpu_s\":%.2f,\"server_login_cpu_s\":%.2f,\"server_rss_mib\":%.1f,"
                        + "\"server_cpu_s_per_million\":%.3f,\"server_writes\":%d,\"redis_cpu_s\":%.2f,\"redis_us_per_message\":%.2f}",
                label, target, clients, senders, messages, rate, loginSeconds, expected, delivered, lost, duplicated,
                outOfOrder, garbled, seconds, deliveriesPerSecond, p50Millis, p99Millis, maxMillis,
                generatorCpuPercent, serverCpuSeconds, serverLoginCpuSeconds, serverRssMiB, serverCpuPerMillion(), serverWrites,
                Double.isNaN(redisCpuSeconds) ? 0 : redisCpuSeconds, Double.isNaN(redisCpuSeconds) ? 0 : redisMicrosPerMessage());
    }

    String table() {
        return String.format(Locale.ROOT,
                "%-12s %-6s clients %d, senders %d x %d msgs%s%n"
                        + "  login        %8.3f s (server CPU %.2f s)%n"
                        + "  deliveries   %,d of %,d in %.3f s = %,.0f/s%n"
                        + "  lost %d, duplicated %d, out of order %d, garbled %d%n"
                        + "  latency      p50 %.2f ms, p99 %.2f ms, max %.2f ms%n"
                        + "  server       CPU %.2f s (%.3f s per million deliveries), RSS %.1f MiB, %s%n"
                        + "  generator    CPU %.0f%% of one core%n%s",
                label, target, clients, senders, messages, rate > 0 ? String.format(Locale.ROOT, " at %.0f/s", rate) : " unpaced",
                loginSeconds, serverLoginCpuSeconds, delivered, expected, seconds, deliveriesPerSecond,
                lost, duplicated, outOfOrder, garbled, p50Millis, p99Millis, maxMillis,
                serverCpuSeconds, serverCpuPerMillion(), serverRssMiB,
                serverWrites < 0 || delivered == 0 ? "writes unknown"
                        : String.format(Locale.ROOT, "%,d writes (%.2f per delivery)", serverWrites, (double) serverWrites / delivered),
                generatorCpuPercent,
                Double.isNaN(redisCpuSeconds) ? "" : String.format(Locale.ROOT, "  redis        CPU %.2f s (%.2f us per message)%n",
                        redisCpuSeconds, redisMicrosPerMessage()));
    }
}
