/** File transfer on the client: offers and answers, the data connections, and where received files go. */
package chat.client.transfer;
