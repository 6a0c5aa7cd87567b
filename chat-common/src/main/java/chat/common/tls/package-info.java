/** Trust on first use: a certificate pinned by its fingerprint, for clients of a self-signed server. */
package chat.common.tls;
