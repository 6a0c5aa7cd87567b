/** File transfer: offers and answers on the chat connections, and the data connections the server pipes. */
package chat.server.transfer;
