package chat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** CPU time and resident memory of a process, read from /proc (Linux). */
final class ProcStats {
    /** Clock ticks per second for /proc/PID/stat; 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcStats() {}

    /** User plus system CPU seconds used so far by {@code pid}, or NaN if unknown. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** CPU seconds of several processes together (the nodes of one chat); NaN if one is unknown. */
    static double cpuSeconds(List<Long> pids) {
        return pids.stream().mapToDouble(ProcStats::cpuSeconds).sum();
    }

    /**
     * Write system calls of several processes together so far ({@code syscw} in /proc/PID/io: {@code write} and
     * {@code writev}, to a socket or a file; {@code send} and {@code sendmsg} are not counted, so a server that
     * writes with those, as ncat does, shows none), or -1 if one is unknown.
     */
    static long writes(List<Long> pids) {
        long sum = 0;
        for (long pid : pids) {
            try {
                String io = Files.readString(Path.of("/proc", Long.toString(pid), "io"));
                int at = io.indexOf("syscw:");
                if (at < 0) {
                    return -1;
                }
                sum += Long.parseLong(io.substring(at + "syscw:".length(), io.indexOf('\n', at)).trim());
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
        return sum;
    }

    /** Resident memory of several processes together, in MiB; NaN if one is unknown. */
    static double rssMiB(List<Long> pids) {
        return pids.stream().mapToDouble(ProcStats::rssMiB).sum();
    }

    /** Resident set size of {@code pid} in MiB, or NaN if unknown. */
    static double rssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return Double.NaN;
    }
}
