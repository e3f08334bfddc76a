package dev.fitd.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        CatalogPreload.start(() -> {
            throw boom;
        });
        assertSame(boom, assertThrows(CatalogException.class, CatalogPreload::take));
    }
}
