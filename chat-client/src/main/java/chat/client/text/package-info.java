/**
 * What a server event says, in words for a person, and how it should stand out: shared by the terminal and
 * the window face, so both say the same thing. No drawing here; each face lays the words out its own way.
 */
package chat.client.text;
