package app.inbo.experience;

import app.inbo.testing.InboTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every test of this module runs against real PostgreSQL, Redis and Kafka (see {@link InboTestResource}). */
@QuarkusTestResource(value = InboTestResource.class, initArgs = @ResourceArg(name = "service", value = "experience"))
public class ExperienceTestInfrastructure {
}
