/** Cleaning of untrusted text before it is relayed to anybody's terminal. */
package chat.common.text;
