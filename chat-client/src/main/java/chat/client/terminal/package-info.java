/**
 * The terminal face: a JLine console (or plain lines where there is no terminal) on the core, printing what
 * arrives and sending what is typed. Beside {@code chat.client.window}, never using it.
 */
package chat.client.terminal;
