package chat.client.transfer;

import java.util.Locale;

/** How a transfer reads to a person, in both faces: one line per state, and a progress bar. */
public final class TransferText {
    private TransferText() {}

    /** {@code 1.0 MB}, {@code 512 bytes}: sizes in powers of 1000, as file managers show them. */
    public static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB", "EB"};
        double value = bytes;
        int unit = -1;
        while (value >= 999.95 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** An offer to someone on another node of a cluster, which the server does not relay. */
    public static String otherNode(String file, String to) {
        return file + " was not sent: files go only between people on the same server, and " + to
                + " is connected to another server of this chat.";
    }

    /** What happened, as one line: the offer, how it went, or how it ended; an offer says the commands that answer it. */
    public static String line(TransferView v) {
        return line(v, true);
    }

    /** As {@link #line(TransferView)}; without {@code commands} for a face whose buttons answer an offer. */
    public static String line(TransferView v, boolean commands) {
        if (!commands && v.stage() == TransferView.Stage.OFFERED) {
            return v.sending()
                    ? "#" + v.id() + " offered " + v.fileName() + " (" + size(v.size()) + ") to " + v.peer() + "; waiting for an answer"
                    : v.peer() + " offers you " + v.fileName() + " (" + size(v.size()) + ")";
        }
        String what = v.fileName() + " (" + size(v.size()) + ")";
        String prefix = "#" + v.id() + " ";
        switch (v.stage()) {
            case OFFERED:
                return v.sending()
                        ? prefix + "offered " + what + " to " + v.peer() + "; waiting for an answer (/cancel " + v.id() + ")"
                        : v.peer() + " offers you " + what + ": /accept " + v.id() + " or /decline " + v.id();
            case RUNNING: // the progress is a face's to show where it can update it; a line would stand still at 0%
                return prefix + (v.sending() ? "sending " + what + " to " : "receiving " + what + " from ") + v.peer();
            case DONE:
                return v.sending()
                        ? prefix + what + " delivered to " + v.peer()
                        : prefix + what + " from " + v.peer() + " saved to " + v.file() + " (SHA-256 checked)";
            default: // the server's reason names the file where it can ("bob declined small.bin"): said once
                return v.detail().contains(v.fileName())
                        ? prefix + v.detail()
                        : prefix + what + (v.sending() ? " to " : " from ") + v.peer() + ": " + v.detail();
        }
    }

    /** A transfer in a few words for a row of its own: {@code photos.zip (1.0 MB) from alice}. */
    public static String title(TransferView v) {
        return v.fileName() + " (" + size(v.size()) + ")" + (v.sending() ? " to " : " from ") + v.peer();
    }

    /** How it stands, beside {@link #title}: no command in it, the row's buttons do what can be done. */
    public static String status(TransferView v) {
        switch (v.stage()) {
            case OFFERED:
                return v.sending() ? "waiting for " + v.peer() + " to answer" : "offered to you";
            case RUNNING:
                return progress(v);
            case DONE:
                return v.sending() ? "delivered" : "saved";
            default:
                return v.detail();
        }
    }

    /** {@code 45% of 1.0 GB, 120.3 MB/s, 5 s left}. */
    public static String progress(TransferView v) {
        StringBuilder sb = new StringBuilder().append(v.percent()).append("% of ").append(size(v.size()));
        if (v.bytesPerSecond() > 0) {
            sb.append(", ").append(size((long) v.bytesPerSecond())).append("/s");
            long left = v.secondsLeft();
            if (left >= 0) {
                sb.append(", ").append(duration(left)).append(" left");
            }
        }
        return sb.toString();
    }

    /** {@code [=========>          ] 45% of 1.0 GB, 120.3 MB/s, 5 s left}: {@code width} characters of bar, then {@link #progress}. */
    public static String bar(TransferView v, int width) {
        int filled = v.percent() * width / 100;
        StringBuilder sb = new StringBuilder(width + 8).append('[');
        for (int i = 0; i < width; i++) {
            sb.append(i < filled ? '=' : i == filled ? '>' : ' ');
        }
        return sb.append("] ").append(progress(v)).toString();
    }

    private static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }
}
