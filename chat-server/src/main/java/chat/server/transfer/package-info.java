/**
 * File transfer: offers and answers on the chat connections, and the data connections the server pipes.
 * May use tls and config.
 */
package chat.server.transfer;
