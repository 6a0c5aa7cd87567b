/**
 * The client without a face: connection, login, paced sending, the live member list and reconnecting,
 * reported to a listener as typed events. The terminal and window faces use only this package.
 */
package chat.client.core;
