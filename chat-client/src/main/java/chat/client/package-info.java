/**
 * The client's entry ({@code ClientMain}, which picks a face) and its terminal face: connects through the
 * core, prints what arrives and sends what is typed.
 */
package chat.client;
