package chat.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Turns the JSON lines of a compare.sh run into docs/BENCHMARKS.md: medians per workload and server, the
 * targets checked against them, and a PNG plot.
 *
 * <p>Usage: {@code java -cp bench.jar chat.bench.BenchReport results.jsonl header.md analysis.md out.md out.png [more.md]};
 * {@code more.md}, a section of other figures (file transfer), goes after the results and before the analysis.
 */
public final class BenchReport {
    private static final Pattern FIELD = Pattern.compile("\"([a-z_0-9]+)\":(\"[^\"]*\"|[-0-9.eE]+|NaN)");

    private BenchReport() {}

    public static void main(String[] args) throws IOException {
        List<Map<String, String>> runs = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (line.startsWith("{")) {
                runs.add(parse(line));
            }
        }
        // label is "workload/server"; group the repetitions, keeping first-seen order
        Map<String, List<Map<String, String>>> groups = new LinkedHashMap<>();
        for (Map<String, String> run : runs) {
            groups.computeIfAbsent(run.get("label"), k -> new ArrayList<>()).add(run);
        }
        StringBuilder md = new StringBuilder(Files.readString(Path.of(args[1])));
        md.append("\n## Results (medians of the repetitions)\n\n");
        md.append("| workload | server | runs | logged in | deliveries/s | lost | dup | out of order | garbled | p50 ms | p99 ms | max ms | server CPU s / M deliveries | server RSS MiB | login s | generator CPU % |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        Map<String, Map<String, Double>> medians = new LinkedHashMap<>();
        for (Map.Entry<String, List<Map<String, String>>> g : groups.entrySet()) {
            String[] parts = g.getKey().split("/", 2);
            Map<String, Double> m = new LinkedHashMap<>();
            for (String key : List.of("clients", "deliveries_per_s", "lost", "duplicated", "out_of_order", "garbled",
                    "p50_ms", "p99_ms", "max_ms", "server_cpu_s_per_million", "server_rss_mib", "login_s",
                    "generator_cpu_pct")) {
                m.put(key, median(g.getValue(), key));
            }
            medians.put(g.getKey(), m);
            md.append(String.format(Locale.ROOT,
                    "| %s | %s | %d | %.0f | %,.0f | %.0f | %.0f | %.0f | %.0f | %.2f | %.2f | %.2f | %.3f | %.0f | %.2f | %.0f |%n",
                    parts[0], parts.length > 1 ? parts[1] : "", g.getValue().size(), m.get("clients"),
                    m.get("deliveries_per_s"), m.get("lost"), m.get("duplicated"), m.get("out_of_order"),
                    m.get("garbled"), m.get("p50_ms"), m.get("p99_ms"), m.get("max_ms"),
                    m.get("server_cpu_s_per_million"), m.get("server_rss_mib"), m.get("login_s"),
                    m.get("generator_cpu_pct")));
        }
        md.append("\n![deliveries/s and p99 latency per server and workload](benchmarks.png)\n\n");
        if (args.length > 5) {
            md.append(Files.readString(Path.of(args[5]))).append('\n');
        }
        md.append(Files.readString(Path.of(args[2])));
        Files.writeString(Path.of(args[3]), md.toString(), StandardCharsets.UTF_8);
        plot(medians, Path.of(args[4]));
    }

    /** The runs of a JSON-lines file, grouped by label in first-seen order. */
    static Map<String, List<Map<String, String>>> groups(Path jsonLines) throws IOException {
        Map<String, List<Map<String, String>>> groups = new LinkedHashMap<>();
        for (String line : Files.readAllLines(jsonLines)) {
            if (line.startsWith("{")) {
                Map<String, String> run = parse(line);
                groups.computeIfAbsent(run.get("label"), k -> new ArrayList<>()).add(run);
            }
        }
        return groups;
    }

    static Map<String, String> parse(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = FIELD.matcher(line);
        while (m.find()) {
            fields.put(m.group(1), m.group(2).replace("\"", ""));
        }
        return fields;
    }

    static double median(List<Map<String, String>> runs, String key) {
        double[] values = runs.stream().mapToDouble(r -> Double.parseDouble(r.getOrDefault(key, "NaN"))).sorted().toArray();
        return values.length == 0 ? Double.NaN : values[values.length / 2];
    }

    /** Two bar charts side by side: deliveries/s and p99 latency, per workload, one bar per server. */
    private static void plot(Map<String, Map<String, Double>> medians, Path out) throws IOException {
        List<String> workloads = new ArrayList<>();
        List<String> servers = new ArrayList<>();
        for (String label : medians.keySet()) {
            String[] parts = label.split("/", 2);
            if (!workloads.contains(parts[0])) {
                workloads.add(parts[0]);
            }
            if (parts.length > 1 && !servers.contains(parts[1])) {
                servers.add(parts[1]);
            }
        }
        BufferedImage left = BitmapEncoder.getBufferedImage(chart(medians, workloads, servers, "deliveries_per_s", 1e-6,
                "Deliveries per second (millions), higher is better"));
        BufferedImage right = BitmapEncoder.getBufferedImage(chart(medians, workloads, servers, "p99_ms", 1,
                "p99 latency (ms), lower is better"));
        BufferedImage both = new BufferedImage(left.getWidth() + right.getWidth(), left.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = both.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, both.getWidth(), both.getHeight());
        g.drawImage(left, 0, 0, null);
        g.drawImage(right, left.getWidth(), 0, null);
        g.dispose();
        ImageIO.write(both, "png", out.toFile());
    }

    private static CategoryChart chart(Map<String, Map<String, Double>> medians, List<String> workloads,
            List<String> servers, String key, double scale, String title) {
        CategoryChart chart = new CategoryChartBuilder().width(800).height(500).title(title).xAxisTitle("workload").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        for (String server : servers) {
            List<String> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (String workload : workloads) {
                Map<String, Double> m = medians.get(workload + "/" + server);
                x.add(workload);
                y.add(m == null || m.get(key).isNaN() ? 0.0 : m.get(key) * scale);
            }
            chart.addSeries(server, x, y);
        }
        return chart;
    }
}
