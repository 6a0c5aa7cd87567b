/**
 * Who may connect and how fast anyone may send: connection and pending limits per address, throttles,
 * line allowances, and the answers given to connections that are refused (on a TLS port too). May use
 * tls and config.
 */
package chat.server.admission;
