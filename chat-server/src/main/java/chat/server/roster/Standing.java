package chat.server.roster;

/**
 * What a logged-in member has proved: that it owns its registered name (it gave the password, or registered
 * it in this session), and so whether it is an operator. Written by the member's own reader thread;
 * read by anyone.
 */
public final class Standing {
    private volatile boolean registered;
    private volatile boolean operator;

    public boolean registered() {
        return registered;
    }

    public boolean operator() {
        return operator;
    }

    /** The member proved its registered name; {@code listed}: the configuration names it an operator. */
    public void identified(boolean listed) {
        registered = true;
        operator = listed;
    }

    /** The member released its name: no longer registered, no longer an operator. */
    public void released() {
        registered = false;
        operator = false;
    }
}
