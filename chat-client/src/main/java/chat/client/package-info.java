/** The console chat client: connects, logs in, prints what arrives and sends what is typed. */
package chat.client;
