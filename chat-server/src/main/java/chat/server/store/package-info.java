/**
 * The store: what the server keeps on disk beyond its memory, behind one interface ({@link
 * chat.server.store.Store}); today the public lines, for {@code /history}, {@code /search} and a room's history
 * after a restart, in SQLite in the data directory. Lines reach it from the roster through one writer thread
 * ({@link chat.server.store.StoreWriter}), off the message path.
 */
package chat.server.store;
