package chat.server.irc;

/**
 * IRCv3 WHOX: a {@code WHO} whose second parameter is {@code %FIELDS[,TOKEN]} is answered with RPL_WHOSPCRPL
 * (354), each reply carrying the fields asked for, always in the order of {@link #ORDER} whatever order they were
 * asked in, and the token (up to three digits) that tells the client which of its WHOs the reply answers.
 *
 * @param fields the fields asked for that this server knows, in {@link #ORDER}
 * @param token the token, or {@code 0} when none or a malformed one was given
 */
record Whox(String fields, String token) {
    /** Token, channel, user, IP, host, server, nick, flags, hops, idle, account, op level, real name. */
    static final String ORDER = "tcuihsnfdlaor";
    /** The address told for everyone: members' addresses are the chat's to show, through {@code WHOIS}. */
    private static final String NO_ADDRESS = "255.255.255.255";

    /** The WHOX that WHO's second parameter asks for, or null for a plain WHO. */
    static Whox parse(String options) {
        if (!options.startsWith("%")) {
            return null;
        }
        int comma = options.indexOf(',');
        String asked = comma < 0 ? options.substring(1) : options.substring(1, comma);
        String token = comma < 0 ? "" : options.substring(comma + 1);
        StringBuilder fields = new StringBuilder(ORDER.length());
        for (char field : ORDER.toCharArray()) {
            if (asked.indexOf(field) >= 0) {
                fields.append(field);
            }
        }
        return new Whox(fields.toString(), token.matches("[0-9]{1,3}") ? token : "0");
    }

    /** The 354 for {@code nick}, as {@code p} describes it, seen in {@code channel} ({@code *}: none) with {@code flags}. */
    IrcMessage reply(IrcConnection irc, String channel, String nick, IrcDirectory.Person p, String flags) {
        String[] params = new String[fields.length()];
        for (int i = 0; i < params.length; i++) {
            params[i] = switch (fields.charAt(i)) {
                case 't' -> token;
                case 'c' -> channel;
                case 'u' -> p.user();
                case 'i' -> NO_ADDRESS;
                case 'h' -> IrcConnection.HOST;
                case 's' -> irc.serverName;
                case 'n' -> nick;
                case 'f' -> flags;
                case 'd' -> "0"; // hops: every member is on this server, for its IRC clients
                case 'l' -> "0"; // idle seconds: the chat does not keep them
                case 'a' -> p.account() == null ? "0" : p.account();
                case 'o' -> "n/a";
                default -> p.realName(); // 'r', last, as the only field that may hold spaces
            };
        }
        return irc.numeric("354", params);
    }
}
