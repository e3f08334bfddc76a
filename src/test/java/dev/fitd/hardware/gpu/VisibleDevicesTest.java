package dev.fitd.hardware.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.hardware.Backend;
import dev.fitd.hardware.Fixtures;
import dev.fitd.hardware.Gpu;
import dev.fitd.hardware.GpuVendor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class VisibleDevicesTest {

    private static final List<Gpu> FOUR = NvidiaSmi.parse(Fixtures.lines("nvidia-smi/several-gpus-4xa100.txt")).gpus();
    private static final Gpu AMD = new Gpu(0, null, "AMD Radeon RX 7900 XTX", GpuVendor.AMD, Backend.ROCM,
            24L << 30, null, false, null, null, null, null, "rocm-smi");

    private static List<Integer> visible(String cuda, String nvidia) {
        Map<String, String> env = new HashMap<>();
        if (cuda != null) {
            env.put("CUDA_VISIBLE_DEVICES", cuda.equals("<empty>") ? "" : cuda);
        }
        if (nvidia != null) {
            env.put("NVIDIA_VISIBLE_DEVICES", nvidia.equals("<empty>") ? "" : nvidia);
        }
        return VisibleDevices.apply(FOUR, env).gpus().stream().map(Gpu::index).toList();
    }

    @ParameterizedTest(name = "CUDA={0} NVIDIA={1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            -                 | -         | 0 1 2 3
            all               | -         | 0 1 2 3
            <empty>           | -         |
            none              | -         |
            void              | -         |
            -1                | -         |
            1                 | -         | 1
            2,0               | -         | 2 0
            ' 3 , 1 '         | -         | 3 1
            0,7,1             | -         | 0
            GPU-71d0b6a2      | -         | 1
            GPU-9b2f0d44-4d5e-6f70-b123-3d4e5f607182,0 | - | 3 0
            GPU-                | -       |
            -                 | all       | 0 1 2 3
            -                 | <empty>   | 0 1 2 3
            -                 | void      | 0 1 2 3
            -                 | none      |
            -                 | 2,3       | 0 1 2 3
            -                 | GPU-8a1e9c33-3c4d-5e6f-a012-2c3d4e5f6071 | 2
            1,2               | GPU-8a1e9c33-3c4d-5e6f-a012-2c3d4e5f6071 |
            2                 | GPU-8a1e9c33-3c4d-5e6f-a012-2c3d4e5f6071 | 2
            """)
    void filters(String cuda, String nvidia, String expected) {
        List<Integer> want = expected == null ? List.of()
                : java.util.Arrays.stream(expected.split(" ")).map(Integer::valueOf).toList();
        assertEquals(want, visible(cuda, nvidia));
    }

    @Test
    void otherVendorsAreNotFiltered() {
        VisibleDevices.Filtered f = VisibleDevices.apply(List.of(FOUR.get(0), AMD), Map.of("CUDA_VISIBLE_DEVICES", ""));
        assertEquals(List.of(AMD), f.gpus());
        assertEquals("CUDA_VISIBLE_DEVICES=", f.applied());
    }

    @Test
    void nothingAppliedWithoutVariables() {
        VisibleDevices.Filtered f = VisibleDevices.apply(FOUR, Map.of());
        assertNull(f.applied());
        assertEquals(FOUR, f.gpus());
    }

    @Test
    void hostIndexesInNvidiaVisibleDevicesAreNotedNotApplied() {
        VisibleDevices.Filtered f = VisibleDevices.apply(FOUR, Map.of("NVIDIA_VISIBLE_DEVICES", "2,3"));
        assertEquals(4, f.gpus().size());
        assertTrue(f.notes().get(0).contains("host indexes"));
    }
}
