package dev.fitd.hardware.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.hardware.Backend;
import dev.fitd.hardware.Fixtures;
import dev.fitd.hardware.Gpu;
import dev.fitd.hardware.GpuVendor;
import java.util.List;
import org.junit.jupiter.api.Test;

class NvidiaMigTest {

    @Test
    void listingWithSlices() {
        NvidiaMig.Listing l = NvidiaMig.parse(Fixtures.lines("nvidia-smi-L/mig-a100-80gb.txt"));
        assertEquals(4, l.gpus().size());
        assertTrue(l.hasSlices());
        NvidiaMig.Parent gpu0 = l.gpus().get(0);
        assertEquals("NVIDIA A100-SXM4-80GB", gpu0.name());
        assertEquals("GPU-6ec3a8f4-1a2b-3c4d-8e9f-0a1b2c3d4e5f", gpu0.uuid());
        assertEquals(List.of("3g.40gb", "2g.20gb", "1g.10gb"), gpu0.slices().stream().map(NvidiaMig.Slice::profile).toList());
        assertEquals(40, gpu0.slices().get(0).namedGb());
        assertEquals(3, gpu0.slices().get(0).computeSlices());
        assertEquals("MIG-1b2c3d4e-5f60-5a7b-8c9d-0e1f2a3b4c5d", gpu0.slices().get(0).uuid());
        assertEquals(List.of(), l.gpus().get(1).slices());
    }

    @Test
    void oldDriverFormatAndMediaExtensions() {
        NvidiaMig.Listing l = NvidiaMig.parse(Fixtures.lines("nvidia-smi-L/mig-old-driver-format.txt"));
        assertEquals("A100-SXM4-40GB", l.gpus().get(0).name());
        List<NvidiaMig.Slice> slices = l.gpus().get(0).slices();
        assertEquals(3, slices.size());
        assertEquals("MIG-GPU-5d5ba0d6-d33d-2b2c-524d-9e3d8d2b8a77/7/0", slices.get(0).uuid());
        assertEquals("1g.10gb+me", slices.get(2).profile());
        assertEquals(10, slices.get(2).namedGb());
    }

    @Test
    void noMigAndEmpty() {
        assertFalse(NvidiaMig.parse(Fixtures.lines("nvidia-smi-L/no-mig-one-gpu.txt")).hasSlices());
        assertEquals(List.of(), NvidiaMig.parse(Fixtures.lines("nvidia-smi-L/empty.txt")).gpus());
        assertEquals(List.of(), NvidiaMig.parse(List.of("garbage", "MIG 1g.5gb Device 0: (UUID: MIG-x)")).gpus(),
                "a MIG line before any GPU line belongs to nothing");
    }

    @Test
    void expandReplacesTheParentBySlicesAtTheirShare() {
        Gpu parent = new Gpu(0, "GPU-6ec3a8f4-1a2b-3c4d-8e9f-0a1b2c3d4e5f", "NVIDIA A100-SXM4-80GB", GpuVendor.NVIDIA,
                Backend.CUDA, 81920L << 20, 81037L << 20, false, 2039.0, 312.0, "8.0", "535", "nvidia-smi");
        Gpu other = new Gpu(1, "GPU-71d0b6a2-2b3c-4d5e-9f01-1b2c3d4e5f60", "NVIDIA A100-SXM4-80GB", GpuVendor.NVIDIA,
                Backend.CUDA, 81920L << 20, 81037L << 20, false, 2039.0, 312.0, "8.0", "535", "nvidia-smi");
        List<Gpu> out = NvidiaMig.expand(List.of(parent, other), NvidiaMig.parse(Fixtures.lines("nvidia-smi-L/mig-a100-80gb.txt")));
        assertEquals(4, out.size());
        Gpu s = out.get(2);
        assertEquals("NVIDIA A100-SXM4-80GB MIG 1g.10gb", s.name());
        assertEquals((long) (10 * 0.95 * (1L << 30)), s.vramTotalBytes());
        assertNull(s.vramFreeBytes());
        assertEquals(2039.0 / 8, s.memoryBandwidthGbps(), 1e-9);
        assertEquals(312.0 / 7, s.fp16Tflops(), 1e-9);
        assertEquals(other, out.get(3));
    }
}
