/** Logging that can never hold up serving: the server's log appender. */
package chat.server.logging;
