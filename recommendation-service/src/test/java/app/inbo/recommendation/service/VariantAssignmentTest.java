package app.inbo.recommendation.service;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deterministic assignment: stable, shares respected, independent between experiments, ramps keep users. */
class VariantAssignmentTest {

    private record Variant(String name, double share) {
    }

    private static final int USERS = 100_000;

    @Test
    void aUsersBucketIsFixedByExperimentAndUserAlone() {
        UUID user = UUID.fromString("00000000-0000-4000-8000-000000000001");
        // pinned: a change of the hash would silently move every user of a running experiment to another variant
        assertEquals(0.7274864678628172, VariantAssignment.bucket("item-cf", user));
        assertEquals(0.5738801292824386,
                VariantAssignment.bucket("item-cf", UUID.fromString("00000000-0000-4000-8000-000000000002")));
        assertEquals(VariantAssignment.bucket("item-cf", user), VariantAssignment.bucket("item-cf", user));
        for (UUID u : users(1000)) {
            double bucket = VariantAssignment.bucket("x", u);
            assertTrue(bucket >= 0 && bucket < 1, "bucket " + bucket);
        }
    }

    @Test
    void sharesAreRespectedOverManyUsers() {
        List<Variant> variants = List.of(new Variant("a", 0.2), new Variant("b", 0.3), new Variant("c", 0.5));
        int[] counts = new int[3];
        for (UUID user : users(USERS)) {
            Variant v = VariantAssignment.pick(VariantAssignment.bucket("shares", user), variants, Variant::share);
            counts[variants.indexOf(v)]++;
        }
        for (int i = 0; i < 3; i++) {
            double observed = counts[i] / (double) USERS;
            // 5 standard deviations of a binomial share of 100,000 is under 0.8 percentage points
            assertEquals(variants.get(i).share(), observed, 0.008, variants.get(i) + ": " + observed);
        }
    }

    @Test
    void experimentsSplitUsersIndependently() {
        List<Variant> halves = List.of(new Variant("a", 0.5), new Variant("b", 0.5));
        int same = 0;
        for (UUID user : users(USERS)) {
            Variant first = VariantAssignment.pick(VariantAssignment.bucket("one", user), halves, Variant::share);
            Variant second = VariantAssignment.pick(VariantAssignment.bucket("two", user), halves, Variant::share);
            same += first.equals(second) ? 1 : 0;
        }
        assertEquals(0.5, same / (double) USERS, 0.008, "being in 'a' of one experiment says nothing of the other");
    }

    @Test
    void rampingAVariantUpKeepsTheUsersItHad() {
        List<Variant> before = List.of(new Variant("treatment", 0.1), new Variant("control", 0.9));
        List<Variant> after = List.of(new Variant("treatment", 0.5), new Variant("control", 0.5));
        int moved = 0;
        for (UUID user : users(USERS)) {
            double bucket = VariantAssignment.bucket("ramp", user);
            String was = VariantAssignment.pick(bucket, before, Variant::share).name();
            String is = VariantAssignment.pick(bucket, after, Variant::share).name();
            if (was.equals("treatment")) {
                assertEquals("treatment", is);
            }
            moved += was.equals(is) ? 0 : 1;
        }
        assertEquals(0.4, moved / (double) USERS, 0.008, "only the buckets that changed owner move");
    }

    @Test
    void variantsWithoutShareGetNobodyAndRoundingGoesToTheLastWithOne() {
        List<Variant> variants = List.of(new Variant("off", 0), new Variant("a", 0.3), new Variant("b", 0.7 - 1e-12),
                new Variant("off-too", 0));
        assertEquals("a", VariantAssignment.pick(0.0, variants, Variant::share).name());
        assertEquals("b", VariantAssignment.pick(0.3, variants, Variant::share).name());
        assertEquals("b", VariantAssignment.pick(0.9999999999999, variants, Variant::share).name());
        assertThrows(IllegalArgumentException.class,
                () -> VariantAssignment.pick(0.5, List.of(new Variant("off", 0)), Variant::share));
    }

    private static List<UUID> users(int n) {
        Random random = new Random(19);
        List<UUID> users = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            users.add(new UUID(random.nextLong(), random.nextLong()));
        }
        return users;
    }
}
