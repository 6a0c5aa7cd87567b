package chat.server.transfer;

/**
 * One file on its way from one member to another. Its fields that change are guarded by the lock of the
 * {@link Transfers} that owns it, except the pipe's progress, which the pipe alone writes.
 */
final class Transfer {
    enum Stage { OFFERED, ACCEPTED, ENDED }

    final long id;
    final Party from;
    final Party to;
    final long size;
    final String sha256;
    final String fileName;
    final long offeredAt;

    Stage stage = Stage.OFFERED;
    long acceptedAt;
    String fromToken;
    String toToken;
    DataLink fromLink;
    DataLink toLink;

    /** When a byte last moved (nanoTime), and how many have: written by the pipe only. */
    volatile long lastMoved;
    volatile long moved;
    /** Set by the pipe before it writes the last bytes: from then on the pipe alone ends the transfer. */
    volatile boolean lastWrite;

    Transfer(long id, Party from, Party to, long size, String sha256, String fileName, long offeredAt) {
        this.id = id;
        this.from = from;
        this.to = to;
        this.size = size;
        this.sha256 = sha256;
        this.fileName = fileName;
        this.offeredAt = offeredAt;
    }

    boolean involves(Party party) {
        return from == party || to == party;
    }

    boolean linked() {
        return fromLink != null && toLink != null;
    }

    @Override
    public String toString() {
        return "#" + id + " " + from + " -> " + to;
    }
}
