package chat.client.window;

import chat.client.core.Conversations.Key;
import chat.client.text.Tone;

/**
 * One line of the message pane, worded on the receiving thread and drawn on the event thread.
 *
 * @param time when it arrived, {@code 14:02}
 * @param words what it says ({@link chat.client.text.EventText#words})
 * @param tone how it stands out
 * @param person the name in {@code words} to draw in that person's colour, or null
 * @param membership whether it changes who is online (the member list is refreshed)
 * @param unread whether it counts as unread while the window is in the background
 * @param conversation the conversation it belongs to, or null for one shown wherever the person is (a notice)
 */
record Line(String time, String words, Tone tone, String person, boolean membership, boolean unread, Key conversation) {

    /** A line of no conversation in particular. */
    Line(String time, String words, Tone tone, String person, boolean membership, boolean unread) {
        this(time, words, tone, person, membership, unread, null);
    }
}
