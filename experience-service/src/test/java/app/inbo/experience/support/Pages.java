package app.inbo.experience.support;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Calls of the service's own API, as a client would make them. */
public final class Pages {

    private Pages() {
    }

    public static JsonPath home(String token) {
        return given().auth().oauth2(token).queryParam("page", "home").queryParam("session_id", "s-1")
                .when().get("/api/experience/home")
                .then().statusCode(200).extract().jsonPath();
    }

    public static List<String> sectionTypes(JsonPath page) {
        return page.getList("sections.type", String.class);
    }

    public static List<String> itemIds(JsonPath page, String section) {
        List<String> ids = page.getList("sections.find { it.type == '" + section + "' }.items.id", String.class);
        return ids == null ? List.of() : ids;
    }

    public static List<String> allItemIds(JsonPath page) {
        List<String> all = new ArrayList<>();
        for (String section : sectionTypes(page)) {
            all.addAll(itemIds(page, section));
        }
        return all;
    }

    public static List<Map<String, String>> degraded(JsonPath page) {
        return page.getList("degraded");
    }

    /** Posts interactions as a batch and returns their ids. */
    public static List<String> interact(String token, List<Map<String, Object>> interactions) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("interactions", interactions))
                .when().post("/api/experience/interactions/batch")
                .then().statusCode(202).extract().jsonPath().getList("interaction_ids", String.class);
    }

    public static Map<String, Object> click(UUID itemId) {
        return Map.of("item_id", itemId.toString(), "interaction_type", "click");
    }
}
