/**
 * Registered names: who owns which name, proven by a password kept only as a slow salted hash, the
 * throttles on guessing and changing them, and the {@link chat.server.accounts.Registry} that holds them
 * with the bans and kick holds. May use moderation and config.
 */
package chat.server.accounts;
