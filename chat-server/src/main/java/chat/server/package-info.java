/**
 * The chat server's entry and assembly: {@code ServerMain} reads the command line and configuration file,
 * {@code ChatServer} listens, admits each connection and hands it to a session, and wires the parts below
 * together (a single roster or a node of a cluster, the registry, transfers). May use every package of the
 * server; none uses it (docs/DESIGN.md, "Packages"; {@code LayersTest} holds the rules).
 */
package chat.server;
