package chat.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The file-transfer section of docs/BENCHMARKS.md from FileBench's JSON lines: medians per server, next to
 * a raw ncat pipe of the same file.
 *
 * <p>Usage: {@code java -cp bench.jar chat.bench.FileReport files.jsonl NCAT_MEDIAN_MS}
 */
public final class FileReport {
    private FileReport() {}

    public static void main(String[] args) throws IOException {
        Map<String, List<Map<String, String>>> groups = BenchReport.groups(Path.of(args[0]));
        double ncatSeconds = Double.parseDouble(args[1]) / 1000;
        StringBuilder md = new StringBuilder();
        md.append("## File transfer (medians)\n\n");
        md.append("A 1 GiB file of random bytes through the server (two members speaking the protocol by hand, the\n");
        md.append("sender reading the file and the receiver discarding the bytes through direct buffers, as nc reads\n");
        md.append("and writes: `java -cp bench.jar chat.bench.FileBench`, on CPU 0; the server on CPU 1, after one\n");
        md.append("unmeasured transfer), next to a raw `ncat --send-only` into `ncat -l --recv-only` of the same file\n");
        md.append("(on CPU 0 and 1). Target: at least 80% of the ncat pipe.\n\n");
        md.append("| file | through | runs | seconds | MB/s | of the ncat pipe | server CPU s | server RSS MiB before, at most |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        double size = 1L << 30;
        md.append(String.format(Locale.ROOT, "| 1 GiB | ncat pipe (no server) | %s | %.2f | %.0f | 100%% | | |%n", "median",
                ncatSeconds, size / ncatSeconds / 1e6));
        for (Map.Entry<String, List<Map<String, String>>> g : groups.entrySet()) {
            String server = g.getKey().contains("/") ? g.getKey().substring(g.getKey().indexOf('/') + 1) : g.getKey();
            double seconds = BenchReport.median(g.getValue(), "seconds");
            md.append(String.format(Locale.ROOT, "| 1 GiB | %s | %d | %.2f | %.0f | %.0f%% | %.2f | %.0f, %.0f |%n", server,
                    g.getValue().size(), seconds, BenchReport.median(g.getValue(), "mb_per_s"), 100 * ncatSeconds / seconds,
                    BenchReport.median(g.getValue(), "server_cpu_s"), BenchReport.median(g.getValue(), "server_rss_mib_before"),
                    BenchReport.median(g.getValue(), "server_rss_mib_max")));
        }
        md.append("\nChat beside a transfer: workload (c) on the same server, alone (`c-nofile`) and while 1 GiB transfers\n");
        md.append("follow one another beside it, unpaced (`c+1GiB`) and with the server's `--transfer-rate 100M`\n");
        md.append("(`c+1GiB@100M`, 100 MiB/s, about a gigabit link): rows of the results table above. The transfer's two ends\n");
        md.append("(FileBench, unpinned) run on this machine too, so they take CPU from the generator and the server.\n");
        System.out.print(md);
    }
}
