package app.inbo.search;

import app.inbo.testing.InboTestResource;
import app.inbo.testing.TcpProxy;

import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link InboTestResource}, with the service's PostgreSQL connections going through a {@link TcpProxy} that a test
 * can cut ({@link #cutDatabase()}) to show what indexing and retrying do while the database is unavailable.
 */
public class SearchTestResource extends InboTestResource {

    static final String DATABASE_PROXY = "search-postgres";

    private TcpProxy databaseProxy;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        String url = config.get("quarkus.datasource.jdbc.url");
        URI direct = URI.create(url.substring("jdbc:".length()));
        try {
            databaseProxy = new TcpProxy(DATABASE_PROXY, direct.getHost(), direct.getPort());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the database proxy: " + e.getMessage(), e);
        }
        config.put("quarkus.datasource.jdbc.url",
                "jdbc:postgresql://127.0.0.1:" + databaseProxy.port() + direct.getPath());
        return config;
    }

    @Override
    public void stop() {
        try {
            if (databaseProxy != null) {
                databaseProxy.close();
            }
        } catch (IOException e) {
            throw new IllegalStateException("database proxy did not close: " + e.getMessage(), e);
        } finally {
            super.stop();
        }
    }

    public static void cutDatabase() {
        System.setProperty(TcpProxy.switchProperty(DATABASE_PROXY), "false");
    }

    public static void restoreDatabase() {
        System.setProperty(TcpProxy.switchProperty(DATABASE_PROXY), "true");
    }
}
