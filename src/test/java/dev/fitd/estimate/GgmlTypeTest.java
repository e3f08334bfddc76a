package dev.fitd.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one ggml type table: GGUF ids, block layout and the byte arithmetic both the estimator and the GGUF reader use. */
class GgmlTypeTest {

    @ParameterizedTest
    @EnumSource(GgmlType.class)
    void everyTypeIsFoundByItsGgufId(GgmlType t) {
        assertEquals(Optional.of(t), GgmlType.byId(t.id()));
    }

    /** Ids ggml removed (Q4_2, Q4_3, the repacked Q4_0_x_y and IQ4_NL_x_y) and ids out of range are unknown, not a guess. */
    @ParameterizedTest
    @ValueSource(longs = {4, 5, 31, 32, 33, 36, 37, 38, 40, 63, 64, -1, 1L << 40})
    void removedAndUnknownIdsAreEmpty(long id) {
        assertTrue(GgmlType.byId(id).isEmpty());
    }

    @Test
    void layoutsFromGgmlTypeTraits() {
        assertEquals(4.5, GgmlType.Q4_K.bitsPerWeight(), 1e-12);   // 144 bytes per 256
        assertEquals(8.5, GgmlType.Q8_0.bitsPerWeight(), 1e-12);   // 34 bytes per 32
        assertEquals(4.25, GgmlType.MXFP4.bitsPerWeight(), 1e-12); // 17 bytes per 32
        assertEquals(12, GgmlType.Q4_K.id());
        assertEquals(39, GgmlType.MXFP4.id());
    }

    @Test
    void exactBytesAgreeWithTheEstimatorsFractionalBytes() {
        for (GgmlType t : GgmlType.values()) {
            long elements = 4L * 256 * t.blockSize();
            assertEquals(t.bytes(elements), (double) t.bytesFor(elements), 0.0, t.name());
        }
    }

    @Test
    void exactBytesRejectPartialBlocksAndOverflow() {
        assertThrows(ArithmeticException.class, () -> GgmlType.Q4_K.bytesFor(100));
        assertThrows(ArithmeticException.class, () -> GgmlType.F64.bytesFor(Long.MAX_VALUE / 2));
    }
}
