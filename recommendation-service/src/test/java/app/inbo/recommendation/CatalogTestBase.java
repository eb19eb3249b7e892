package app.inbo.recommendation;

import app.inbo.testing.EventFeed;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the tests that drive the service through its topics share: a feed of events for the test class, and one
 * small catalog per class, published on first use and projected before it is returned.
 */
abstract class CatalogTestBase {

    protected static EventFeed feed;
    private static TestCatalog catalog;

    @Inject
    AgroalDataSource db;

    @BeforeAll
    static void openFeed() {
        feed = EventFeed.open();
        catalog = null;
    }

    @AfterAll
    static void closeFeed() {
        feed.close();
    }

    /** This class's catalog: {@code categories} categories of {@code postsEach} posts, names starting with prefix. */
    protected TestCatalog catalog(String prefix, int categories, int postsEach) {
        if (catalog == null) {
            catalog = TestCatalog.publish(feed, db, prefix, categories, postsEach);
        }
        return catalog;
    }
}
