/** The command line's help as both jars show it ({@link chat.common.cli.ReadableHelp}). */
package chat.common.cli;
