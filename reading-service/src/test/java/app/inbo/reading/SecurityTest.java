package app.inbo.reading;

import app.inbo.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Identity comes only from a verified token; admin operations need the admin role. */
@QuarkusTest
class SecurityTest {

    private final UUID user = UUID.randomUUID();

    @Test
    void noTokenIs401Problem() {
        given().when().get("/api/reading/categories")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401));
    }

    @Test
    void tokenSignedByAnUntrustedKeyIs401() {
        given().auth().oauth2(TestTokens.signedByStranger(user))
                .when().get("/api/reading/categories")
                .then().statusCode(401);
    }

    @Test
    void expiredTokenIs401() {
        given().auth().oauth2(TestTokens.expired(user))
                .when().get("/api/reading/categories")
                .then().statusCode(401);
    }

    @Test
    void validUserTokenIsAccepted() {
        given().auth().oauth2(TestTokens.user(user))
                .when().get("/api/reading/categories")
                .then().statusCode(200);
    }

    @Test
    void nonAdminGets403OnAdminEndpoint() {
        given().auth().oauth2(TestTokens.user(user)).contentType(ContentType.JSON)
                .body(Map.of("slug", "gardening", "name", "Gardening"))
                .when().post("/api/reading/categories")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403));
    }

    @Test
    void adminMayUseAdminEndpoint() {
        String slug = "admin-" + Long.toString(System.nanoTime(), 36);
        given().auth().oauth2(TestTokens.admin(user)).contentType(ContentType.JSON)
                .body(Map.of("slug", slug, "name", "Admin made"))
                .when().post("/api/reading/categories")
                .then().statusCode(201)
                .body("slug", equalTo(slug))
                .body("id", notNullValue());
    }
}
