/** The chat line protocol: every line type as a record, and the one codec that reads and writes them. */
package chat.common.protocol;
