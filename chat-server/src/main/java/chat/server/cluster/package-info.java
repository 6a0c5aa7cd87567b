/**
 * One chat served by several server processes through Redis: the link and its stream records, the roster
 * and registry of a node, and the shared accounts. May use roster, accounts, moderation and config, never
 * sessions or commands.
 */
package chat.server.cluster;
