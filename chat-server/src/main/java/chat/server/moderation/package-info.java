/** Bans (by name, address or network, kept in the data directory) and the holds that keep a kicked name out. A leaf. */
package chat.server.moderation;
