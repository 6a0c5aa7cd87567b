/**
 * The window face ({@code java -jar client.jar --gui}): a connect dialog and a chat window in Swing with
 * FlatLaf, on the core in {@code chat.client.core}.
 *
 * <p>Threads: only the event dispatch thread touches components. The core's receiving thread hands lines
 * over through a {@link chat.client.window.LineBatcher}, a few hundred per turn of the event thread, so a
 * burst never freezes the window; sending (which waits for pacing) runs on one thread of its own
 * ({@code chat-window-sender}), and connecting on {@code chat-connect}.
 */
package chat.client.window;
