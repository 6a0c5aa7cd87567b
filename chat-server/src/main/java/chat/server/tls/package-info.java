/**
 * TLS for the server: its certificate (made on first start, or the operator's PEM files) and the
 * {@link javax.net.ssl.SSLContext} sessions are wrapped with.
 */
package chat.server.tls;
