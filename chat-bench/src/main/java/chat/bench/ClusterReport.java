package chat.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The "several nodes" section of docs/BENCHMARKS.md: one server against one and two nodes sharing a Redis,
 * on workloads (a) and (c), and 10,000 clients over two nodes; with the Redis hop's cost on (c)'s p99.
 *
 * <p>Usage: {@code java -cp bench.jar chat.bench.ClusterReport results.jsonl SERVER}, SERVER the label of the
 * single server measured in the same run (e.g. {@code chat-jdk25}); its nodes are labelled SERVER-redis-Nn.
 */
public final class ClusterReport {
    private ClusterReport() {}

    public static void main(String[] args) throws IOException {
        Map<String, List<Map<String, String>>> groups = BenchReport.groups(Path.of(args[0]));
        String server = args[1];
        StringBuilder md = new StringBuilder();
        md.append("\n## Several nodes through Redis (medians)\n\n");
        md.append("One server next to one and two nodes of one chat sharing a `redis-server` (`--cluster`), the nodes and\n");
        md.append("Redis together on CPU 1, the generator on CPU 0 with its clients spread round-robin over the nodes.\n");
        md.append("Every line goes into the Redis stream and back out to each node. Nodes' CPU counts every node; Redis\n");
        md.append("CPU is per message sent (one stream entry each). Target: the Redis hop adds at most 2 ms to (c)'s p99.\n\n");
        md.append("| workload | setup | runs | deliveries/s | lost | p50 ms | p99 ms | max ms | nodes' CPU s / M deliveries | Redis CPU us / message | generator CPU % |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (String workload : List.of("a", "c", "d10k")) {
            row(md, groups, workload, server, "one server, no Redis");
            row(md, groups, workload, server + "-redis-1n", "1 node + Redis");
            row(md, groups, workload, server + "-redis-2n", "2 nodes + Redis");
        }
        List<Map<String, String>> alone = groups.get("c/" + server);
        for (String nodes : List.of("1n", "2n")) {
            List<Map<String, String>> clustered = groups.get("c/" + server + "-redis-" + nodes);
            if (alone != null && clustered != null) {
                double hop = BenchReport.median(clustered, "p99_ms") - BenchReport.median(alone, "p99_ms");
                md.append(String.format(Locale.ROOT, "%n(c) p99 through Redis with %s: %+.1f ms against the one server (target: at most +2 ms): %s.%n",
                        nodes.equals("1n") ? "one node" : "two nodes", hop, hop <= 2 ? "met" : "not met"));
            }
        }
        System.out.print(md);
    }

    private static void row(StringBuilder md, Map<String, List<Map<String, String>>> groups, String workload, String label,
            String setup) {
        List<Map<String, String>> runs = groups.get(workload + "/" + label);
        if (runs == null) {
            return;
        }
        md.append(String.format(Locale.ROOT, "| %s | %s | %d | %,.0f | %.0f | %.2f | %.2f | %.2f | %.3f | %s | %.0f |%n", workload, setup,
                runs.size(), BenchReport.median(runs, "deliveries_per_s"), BenchReport.median(runs, "lost"),
                BenchReport.median(runs, "p50_ms"), BenchReport.median(runs, "p99_ms"), BenchReport.median(runs, "max_ms"),
                BenchReport.median(runs, "server_cpu_s_per_million"),
                runs.get(0).containsKey("redis_cpu_s") && BenchReport.median(runs, "redis_cpu_s") > 0
                        ? String.format(Locale.ROOT, "%.2f", BenchReport.median(runs, "redis_us_per_message")) : "",
                BenchReport.median(runs, "generator_cpu_pct")));
    }
}
