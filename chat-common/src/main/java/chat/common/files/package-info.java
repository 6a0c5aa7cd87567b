/**
 * Files a person or an operator keeps: where they go (XDG directories, private to their owner), and how
 * they are written crash-safely (temp file, flush, atomic rename) and read back as bounded records.
 */
package chat.common.files;
