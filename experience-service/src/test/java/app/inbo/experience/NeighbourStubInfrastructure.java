package app.inbo.experience;

import app.inbo.experience.support.NeighbourStub;
import io.quarkus.test.common.QuarkusTestResource;

/** The reading and recommendation services, stubbed over real HTTP for every test of this module. */
@QuarkusTestResource(NeighbourStub.class)
public class NeighbourStubInfrastructure {
}
