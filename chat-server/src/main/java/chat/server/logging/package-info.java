/** Logging that can never hold up serving: the server's log appender and level. A leaf. */
package chat.server.logging;
