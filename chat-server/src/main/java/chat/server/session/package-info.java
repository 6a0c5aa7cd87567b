/**
 * One connection from accept to close: its socket and streams, the login (server password, name,
 * account password), the reading of lines under flood control, and its end. Hands each logged-in line to
 * {@code chat.server.command}. May use command, roster, transfer, admission, accounts, moderation, tls and
 * config; only the entry package uses it.
 */
package chat.server.session;
