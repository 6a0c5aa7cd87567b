package chat.server.roster;

/**
 * What a logged-in member has proved: that it owns its registered name (it gave the password, or registered
 * it in this session), and so whether it is an operator, or an operator's name and password ({@code /oper});
 * and whether a ban silenced it. Written by the
 * member's own reader thread (a ban: by the operator's); read by anyone.
 */
public final class Standing {
    private volatile boolean registered;
    private volatile boolean operator;
    private volatile boolean silenced;

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

    /** The member gave an operator's name and password ({@code /oper}): an operator, whatever its own name. */
    public void operatorBy() {
        operator = true;
    }

    /** Whether a ban silenced the member: nothing it says from now on reaches anyone, nor the history. */
    public boolean silenced() {
        return silenced;
    }

    /**
     * A ban is removing the member. Set before the ban takes its lines out of the history: lines it had read
     * but not yet handed to the roster would otherwise go in after, for every newcomer to read.
     */
    public void silence() {
        silenced = true;
    }

    /** The member released its name: no longer registered, no longer an operator. */
    public void released() {
        registered = false;
        operator = false;
    }
}
