/**
 * One connection from accept to close: its socket and streams, the login (server password, name,
 * account password), the reading of lines under flood control, and its end. Hands each logged-in line to
 * {@code chat.server.command}. May use command, roster, transfer, admission, accounts, moderation, tls and
 * config; only the entry package uses it, and {@code chat.server.irc} (a {@link chat.server.session.Dialect}, how
 * a connection's bytes become lines).
 */
package chat.server.session;
