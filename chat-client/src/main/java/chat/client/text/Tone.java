package chat.client.text;

/** How a line should stand out, whatever the face draws it with. */
public enum Tone {
    /** someone else's public message */
    PLAIN,
    /** one's own public message, as echoed by the server */
    MINE,
    /** a private message, either way */
    PRIVATE,
    /** joins, leaves, lists, help: about the chat rather than in it */
    NOTICE,
    /** a refusal */
    ERROR,
    /** someone else's public message that names you */
    MENTION
}
