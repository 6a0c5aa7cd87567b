package chat.server.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The store in a PostgreSQL database (docs/OPERATIONS.md, "The store"), the one several nodes share. A line's
 * words are a {@code tsvector} beside it ({@link SearchWords}, the {@code simple} configuration: no language's
 * stemming, as in SQLite), found with a phrase query. Every connection has deadlines: to connect, and for each
 * answer; a connection that broke (the database restarted) is made again at its next use.
 */
public final class PostgresStore extends JdbcStore {
    private static final Pattern SCHEME = Pattern.compile("postgres(ql)?://.+");

    private PostgresStore(String name, Connector connector, Connection writer) throws SQLException {
        super(name, connector, connector, writer);
    }

    /** Whether {@code url} is a PostgreSQL URL ({@code postgresql://} or {@code postgres://}), for {@link #open}. */
    public static boolean isUrl(String url) {
        return SCHEME.matcher(url).matches();
    }

    /**
     * Opens the store in the database {@code url} names, its schema brought up to date first.
     *
     * @param url {@code postgresql://[user[:password]@]host[:port]/database[?param=value...]}, as libpq takes it
     *     (parameters are the JDBC driver's); without a password in it, {@code PGPASSWORD} is used if set
     */
    public static PostgresStore open(String url, String environmentPassword) {
        Connection writer = null;
        String name = url;
        try {
            Target target = Target.of(url, environmentPassword);
            name = target.shown;
            Connector connector = () -> DriverManager.getConnection(target.jdbcUrl, target.properties);
            writer = connector.connect();
            PostgresSchema.migrate(writer);
            return new PostgresStore(name, connector, writer);
        } catch (SQLException | IllegalArgumentException e) {
            closeQuietly(writer);
            throw new StoreException("cannot open the store " + name + ": " + e.getMessage(), e);
        }
    }

    /** Where to connect: the driver's URL, its properties (the password among them), and the URL to show. */
    private record Target(String jdbcUrl, Properties properties, String shown) {
        static Target of(String url, String environmentPassword) {
            if (!isUrl(url)) {
                throw new IllegalArgumentException("not a postgresql:// URL");
            }
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("not a valid URL: " + e.getReason());
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("the URL names no host");
            }
            Properties properties = new Properties();
            properties.setProperty("connectTimeout", "10"); // seconds, to connect
            properties.setProperty("loginTimeout", "15");
            properties.setProperty("socketTimeout", "60"); // seconds, for any one answer: a database gone quiet
            properties.setProperty("tcpKeepAlive", "true");
            properties.setProperty("ApplicationName", "chat-server");
            properties.setProperty("reWriteBatchedInserts", "true"); // a batch of lines, one INSERT
            String shownUser = "";
            if (uri.getRawUserInfo() != null) {
                String[] userInfo = uri.getRawUserInfo().split(":", 2);
                properties.setProperty("user", decode(userInfo[0]));
                shownUser = userInfo[0] + "@";
                if (userInfo.length == 2) {
                    properties.setProperty("password", decode(userInfo[1]));
                }
            }
            if (!properties.containsKey("password") && environmentPassword != null) {
                properties.setProperty("password", environmentPassword);
            }
            String hostPort = uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
            String path = uri.getRawPath() == null ? "/" : uri.getRawPath();
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            // never the password, in a log line or an error
            String shown = "postgresql://" + shownUser + hostPort + path;
            return new Target("jdbc:postgresql://" + hostPort + path + query, properties, shown);
        }

        private static String decode(String s) {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        }
    }

    @Override
    boolean journals() {
        return false;
    }

    @Override
    void insert(Connection c, List<Said> lines) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO lines (room, said_at, speaker, line, words)"
                + " VALUES (?, ?, ?, ?, to_tsvector('simple', ?))")) {
            for (Said said : lines) {
                insert.setString(1, said.roomKey());
                insert.setLong(2, said.epochMillis());
                insert.setString(3, said.speakerKey());
                insert.setString(4, new String(said.line(), StandardCharsets.UTF_8));
                insert.setString(5, SearchWords.of(said.text()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @Override
    int deleteLines(Connection c, String condition, Object value) throws SQLException {
        return update(c, "DELETE FROM lines WHERE " + condition, value);
    }

    @Override
    String searchQuery(int rooms) {
        return "SELECT id, room, said_at, line FROM lines WHERE words @@ phraseto_tsquery('simple', ?)"
                + " AND room IN (" + marks(rooms) + ") ORDER BY id DESC LIMIT ?";
    }
}
