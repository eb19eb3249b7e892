package app.inbo.support.rest;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RequestTargetGuardTest {

    @Test
    void ordinaryTargetsPass() {
        assertNull(RequestTargetGuard.problemOf("/api/reading/newsletters"));
        assertNull(RequestTargetGuard.problemOf("/api/search?q=caf%C3%A9+news&limit=10"));
        assertNull(RequestTargetGuard.problemOf("/api/search?q=%20%09tab%0Aand%0Dnewline"));
        assertNull(RequestTargetGuard.problemOf("/api/reading/items?ids=a,b&flag"));
    }

    @Test
    void controlCharactersAreNamedWithTheParameterTheyAreIn() {
        assertEquals("category has an escaped control character (%00)",
                RequestTargetGuard.problemOf("/api/reading/newsletters?page=1&category=%00"));
        assertEquals("path has an escaped control character (%1f)",
                RequestTargetGuard.problemOf("/api/reading/newsletters/%1f"));
        assertEquals("query has an escaped control character (%7F)", RequestTargetGuard.problemOf("/x?a%7F=1"));
    }

    @Test
    void malformedEscapesAndCharactersOutsideAUriAreRefused() {
        assertEquals("limit has a malformed percent-escape at character 1", RequestTargetGuard.problemOf("/x?limit=%ZZ"));
        assertEquals("q has a malformed percent-escape at character 2", RequestTargetGuard.problemOf("/x?q=a%"));
        assertEquals("path has a character that is not allowed in a URI at character 4",
                RequestTargetGuard.problemOf("/x/{id}"));
    }
}
