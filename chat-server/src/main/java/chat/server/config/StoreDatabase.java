package chat.server.config;

/**
 * The PostgreSQL database the server keeps its store in ({@code --store}), instead of SQLite in its data
 * directory: the one several nodes share.
 *
 * @param url {@code postgresql://[USER@]HOST[:PORT]/DATABASE[?PARAMS]}
 * @param password its password from {@code --store-password-file}, or null (then one in the URL, if any)
 */
public record StoreDatabase(String url, Secret password) {
    public StoreDatabase {
        if (!url.matches("postgres(ql)?://.+")) {
            throw new IllegalArgumentException("--store takes a postgresql:// URL, not " + url);
        }
    }
}
