/** The chat server: accepts connections, logs people in under unique names and relays their lines. */
package chat.server;
