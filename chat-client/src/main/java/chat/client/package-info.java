/** The client's entry: {@code ClientMain} reads the options and starts a face, the terminal's or the window's. */
package chat.client;
