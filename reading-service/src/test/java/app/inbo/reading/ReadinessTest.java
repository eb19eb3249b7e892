package app.inbo.reading;

import app.inbo.testing.ReadinessContract;
import app.inbo.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;

import static io.restassured.RestAssured.given;

@QuarkusTest
class ReadinessTest extends ReadinessContract {
    @Override
    protected ValidatableResponse callApi() {
        return given().auth().oauth2(TestTokens.user(UUID.randomUUID())).when().get("/api/reading/categories").then();
    }
}
