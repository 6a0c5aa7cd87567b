/**
 * IRC clients on the IRC port (docs/IRC.md): a {@link chat.server.session.Dialect} that translates IRC to the chat's
 * own protocol at the connection's edge, both ways, so that a session serves an IRC client as any other. Uses the
 * session package only.
 */
package chat.server.irc;
