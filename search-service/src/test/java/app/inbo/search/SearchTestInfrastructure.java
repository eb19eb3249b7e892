package app.inbo.search;

import app.inbo.testing.InboTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Every test of this module runs against real PostgreSQL, Redis and Kafka (see {@link InboTestResource}); the
 * database is reached through a proxy the tests can cut (see {@link SearchTestResource}).
 */
@QuarkusTestResource(value = SearchTestResource.class, initArgs = @ResourceArg(name = "service", value = "search"))
public class SearchTestInfrastructure {
}
