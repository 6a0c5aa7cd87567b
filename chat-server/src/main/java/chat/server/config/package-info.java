/**
 * What every part reads and nothing changes: the server's configuration with its defaults and bounds, the
 * sentences it says to people, and secrets read from files. A leaf: uses no other package of the server.
 */
package chat.server.config;
