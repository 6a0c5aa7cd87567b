/**
 * Who is in the chat and the one path by which lines reach them: the roster, each member's outbox (the
 * queue its writer drains), the history shown to newcomers and a member's standing. May use transfer (a
 * member as a party to transfers), admission (its private-line allowance) and config.
 */
package chat.server.roster;
