/**
 * TLS for the server: its certificate (made on first start, or the operator's PEM files), the
 * {@link javax.net.ssl.SSLContext} sessions are wrapped with, and the streams of a connection that may or
 * may not start with a handshake. May use config.
 */
package chat.server.tls;
