/** Framing of a byte stream into bounded UTF-8 lines, the one reader every untrusted peer is read with. */
package chat.common.io;
