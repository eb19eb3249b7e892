package app.inbo.experience;

import app.inbo.experience.support.NeighbourStub;
import io.quarkus.test.common.QuarkusTestResource;

/** The recommendation service, stubbed over real HTTP for every test of this module. */
@QuarkusTestResource(NeighbourStub.class)
public class NeighbourStubInfrastructure {
}
