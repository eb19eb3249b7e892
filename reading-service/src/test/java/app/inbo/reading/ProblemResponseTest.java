package app.inbo.reading;

import app.inbo.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** Every error is RFC 9457 problem+json; validation errors name the wrong field; nothing is half-written. */
@QuarkusTest
class ProblemResponseTest {

    private final String admin = TestTokens.admin(UUID.randomUUID());

    @Test
    void validationErrorNamesTheField() {
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("slug", "Not A Slug!", "name", "Valid name"))
                .when().post("/api/reading/categories")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://inbo.app/problems/validation"))
                .body("title", notNullValue())
                .body("status", equalTo(400))
                .body("invalid_params.name", hasItem("slug"))
                .body("invalid_params.name", not(hasItem("name")))
                .body("correlation_id", notNullValue());

        given().auth().oauth2(admin).when().get("/api/reading/categories")
                .then().statusCode(200).body("slug", not(hasItem("Not A Slug!")));
    }

    @Test
    void wrongTypeInBodyNamesTheField() {
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"slug\": [1, 2], \"name\": \"x\"}")
                .when().post("/api/reading/categories")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("invalid_params[0].name", equalTo("slug"));
    }

    @Test
    void aNumberWhereTextIsExpectedIs400NamingTheField() {
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"slug\": 12345, \"name\": \"x\"}")
                .when().post("/api/reading/categories")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("invalid_params[0].name", equalTo("slug"));
    }

    @Test
    void aFieldNamedTwiceIs400NamingItAndNothingIsWritten() {
        String slug = "twice-" + Long.toString(System.nanoTime(), 36);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"slug\": \"" + slug + "\", \"name\": \"a\", \"name\": \"b\"}")
                .when().post("/api/reading/categories")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("invalid_params[0].name", equalTo("name"));
        given().auth().oauth2(admin).when().get("/api/reading/categories")
                .then().statusCode(200).body("slug", not(hasItem(slug)));
    }

    @Test
    void aNulCharacterIs400InTheBodyTheQueryAndThePath() {
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"slug\": \"nul-" + Long.toString(System.nanoTime(), 36) + "\", \"name\": \"a\\u0000b\"}")
                .when().post("/api/reading/categories")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("invalid_params[0].name", equalTo("name"));
        given().auth().oauth2(admin).urlEncodingEnabled(false)
                .when().get("/api/reading/newsletters?category=%00")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("invalid_params[0].name", equalTo("category"));
        given().auth().oauth2(admin).urlEncodingEnabled(false)
                .when().get("/api/reading/newsletters/%01")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("invalid_params[0].name", equalTo("path"));
    }

    @Test
    void malformedJsonIs400() {
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"slug\": ")
                .when().post("/api/reading/categories")
                .then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void malformedIdNamesTheField() {
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("slug", "x", "name", "x"))
                .when().put("/api/reading/categories/not-a-uuid")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("invalid_params[0].name", equalTo("id"));
    }

    @Test
    void unknownIdIs404Problem() {
        given().auth().oauth2(admin)
                .when().delete("/api/reading/categories/" + UUID.randomUUID())
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void callersCorrelationIdIsEchoed() {
        given().auth().oauth2(admin).header("X-Correlation-Id", "trace-abc-123")
                .contentType(ContentType.JSON).body(Map.of("slug", "", "name", ""))
                .when().post("/api/reading/categories")
                .then().statusCode(400)
                .header("X-Correlation-Id", "trace-abc-123")
                .body("correlation_id", equalTo("trace-abc-123"))
                .body("detail", containsString("slug"));
    }
}
