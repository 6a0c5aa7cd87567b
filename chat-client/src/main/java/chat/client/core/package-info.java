/**
 * The client without a face: connection, login, paced sending, the live member list and reconnecting,
 * reported to a listener as typed events. The terminal and window faces stand on it (with
 * {@code chat.client.transfer} and {@code chat.client.text}); it never reaches into a face.
 */
package chat.client.core;
