/** Addresses written the way people write them, the same on both ends. */
package chat.common.net;
