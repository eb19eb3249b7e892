package app.inbo.reading.demo;

import java.util.List;
import java.util.UUID;

/**
 * The demo users and their tastes (indexes into the demo categories). Their ids are fixed so that
 * {@code ./suite token <id>} and the docs can name them.
 */
public final class DemoUsers {

    public record DemoUser(UUID id, String name, List<Integer> favouriteCategories) {
    }

    public static final List<DemoUser> ALL = List.of(
            new DemoUser(UUID.fromString("00000000-0000-4000-8000-000000000001"), "Ada", List.of(0, 18)),
            new DemoUser(UUID.fromString("00000000-0000-4000-8000-000000000002"), "Grace", List.of(1, 21)),
            new DemoUser(UUID.fromString("00000000-0000-4000-8000-000000000003"), "Linus", List.of(3, 2)),
            new DemoUser(UUID.fromString("00000000-0000-4000-8000-000000000004"), "Margaret", List.of(9, 10)),
            new DemoUser(UUID.fromString("00000000-0000-4000-8000-000000000005"), "Alan", List.of(13, 14)));

    private DemoUsers() {
    }
}
