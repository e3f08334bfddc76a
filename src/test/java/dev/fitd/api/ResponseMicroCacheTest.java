package dev.fitd.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The micro-cache sends exactly what a fresh answer would, and only for the snapshot it came from. */
@QuarkusTest
class ResponseMicroCacheTest {

    @Inject
    ResponseMicroCache cache;
    @Inject
    dev.fitd.service.SnapshotService snapshots;

    private static Response get(String target) {
        return given().urlEncodingEnabled(false).get(target);
    }

    @Test
    void aRepeatIsTheSameBytesAndHeaders() {
        String target = "/api/v1/models/top?limit=3&sort=ctx";
        Response first = get(target);
        Response second = get(target);
        assertEquals(200, second.statusCode());
        assertArrayEquals(first.asByteArray(), second.asByteArray());
        assertEquals(first.contentType(), second.contentType());
        assertTrue(second.contentType().startsWith("application/json"));
    }

    @Test
    void errorsAndLargeAnswersAreNotKept() {
        int before = cache.size();
        get("/api/v1/models/top?limit=-" + System.nanoTime()).then().statusCode(400);
        get("/api/v1/models?include_too_tight=true&sort=params").then().statusCode(200); // ~620 kB (the full catalog): over the bound
        assertEquals(before, cache.size());
    }

    @Test
    void aNewSnapshotIsServedAtOnce() throws Exception {
        String target = "/api/v1/models/top?limit=1&sort=date";
        long version = get(target).jsonPath().getLong("system.snapshot_version");
        java.lang.reflect.Method refresh = dev.fitd.service.SnapshotService.class.getDeclaredMethod("refresh");
        refresh.setAccessible(true);
        refresh.invoke(snapshots);
        long after = get(target).jsonPath().getLong("system.snapshot_version");
        assertNotEquals(version, after, "the cached answer of the old snapshot is not sent");
    }
}
