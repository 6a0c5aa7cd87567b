/**
 * Registered names: who owns which name, proven by a password kept only as a slow salted hash.
 * Groundwork for issue #10's "Registered names"; not yet reachable from the protocol.
 */
package chat.server.accounts;
