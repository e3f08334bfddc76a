package dev.fitd.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fitd.catalog.CatalogException;
import dev.fitd.catalog.CatalogFile;
import dev.fitd.catalog.CatalogLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogPreloadTest {

    @Test
    void takeGivesWhatAPlainReadGivesOnce() {
        assertNull(CatalogPreload.take(), "nothing started: the caller reads itself");
        CatalogPreload.start();
        CatalogPreload.Result r = CatalogPreload.take();
        List<CatalogFile> direct = new CatalogLoader().readBundled();
        assertEquals(direct, r.bundled());
        assertEquals(CatalogLoader.merge(direct, List.of()).models(), CatalogLoader.merge(r.bundled(), List.of()).models());
        assertNull(CatalogPreload.take(), "taken once");
    }

    @Test
    void aFailedReadIsThrownWhereTheResultIsTaken() {
        CatalogException boom = new CatalogException("catalog/x.json: entry 1 (a/b): field 'c': broken");
        CatalogPreload.startWith(() -> {
            throw boom;
        }, () -> { });
        assertSame(boom, assertThrows(CatalogException.class, CatalogPreload::take));
    }

    @Test
    void theFollowUpRunsOnThePreloadThreadAfterTheReadAndItsFailureIsNotTheCatalogs() throws Exception {
        java.util.concurrent.CompletableFuture<String> ran = new java.util.concurrent.CompletableFuture<>();
        CatalogPreload.start(() -> {
            ran.complete(Thread.currentThread().getName());
            throw new IllegalStateException("warm-up failed");
        });
        CatalogPreload.Result r = CatalogPreload.take();
        assertEquals(new CatalogLoader().readBundled(), r.bundled(), "the catalog is unaffected");
        assertEquals("fitd-catalog-preload", ran.get(10, java.util.concurrent.TimeUnit.SECONDS));
    }
}
