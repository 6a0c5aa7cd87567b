/** Framing of a byte stream into bounded UTF-8 lines. */
package chat.common.io;
