/** One chat served by several server processes through Redis: the Redis side only, knowing nothing of sessions. */
package chat.server.cluster;
