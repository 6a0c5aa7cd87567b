/**
 * Trust on first use: a certificate pinned by its fingerprint, for clients of a self-signed server; a client's TLS
 * readied before it connects.
 */
package chat.common.tls;
