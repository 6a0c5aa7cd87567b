/** Addresses written the way people write them, the same on both ends; closing a socket without waiting on its peer. */
package chat.common.net;
