package dev.fitd.hardware.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.hardware.Backend;
import dev.fitd.hardware.Fixtures;
import dev.fitd.hardware.Gpu;
import dev.fitd.hardware.GpuReading;
import dev.fitd.hardware.GpuVendor;
import dev.fitd.hardware.SystemFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DrmSysfsTest {

    @Test
    void amdDiscrete() {
        DrmSysfs.Parsed p = DrmSysfs.parse(Fixtures.lines("sysfs-drm/amd-discrete-rx7900xtx.txt"));
        Gpu g = p.gpus().get(0);
        assertEquals("AMD GPU 0x744c", g.name(), "consumer cards have no product_name; the id is ambiguous (XT/XTX/GRE)");
        assertEquals(25753026560L, g.vramTotalBytes());
        assertEquals(25753026560L - 1174626304L, g.vramFreeBytes());
        assertFalse(g.unifiedMemory());
        assertEquals(Backend.ROCM, g.backend());
    }

    @Test
    void amdInstinctHasAProductName() {
        Gpu g = DrmSysfs.parse(Fixtures.lines("sysfs-drm/amd-instinct-with-product-name.txt")).gpus().get(0);
        assertEquals("AMD Instinct MI210", g.name());
        assertEquals(68702699520L, g.vramTotalBytes());
    }

    @Test
    void apuUsesCarveOutPlusGtt() {
        DrmSysfs.Parsed p = DrmSysfs.parse(Fixtures.lines("sysfs-drm/strix-halo-apu.txt"));
        Gpu g = p.gpus().get(0);
        assertEquals(1, g.index());
        assertTrue(g.unifiedMemory());
        assertEquals(536870912L + 67108864000L, g.vramTotalBytes());
        assertNull(g.vramFreeBytes());
        assertTrue(p.notes().get(0).contains("APU"), p.notes().toString());
    }

    @Test
    void severalCardsSkipNvidiaAndIntegratedIntel() {
        DrmSysfs.Parsed p = DrmSysfs.parse(Fixtures.lines("sysfs-drm/several-mixed-nvidia-amd-intel-igpu.txt"));
        assertEquals(List.of(2, 3), p.gpus().stream().map(Gpu::index).toList());
        Gpu arc = p.gpus().get(1);
        assertEquals("Intel Arc A770", arc.name());
        assertEquals(GpuVendor.INTEL, arc.vendor());
        assertNull(arc.vramTotalBytes(), "i915 does not report VRAM; the table fills it later");
        assertTrue(p.notes().stream().anyMatch(n -> n.contains("0xa780") && n.contains("integrated")), p.notes().toString());
    }

    @Test
    void malformedValuesAreUnknownWithNotes() {
        DrmSysfs.Parsed p = DrmSysfs.parse(Fixtures.lines("sysfs-drm/malformed.txt"));
        assertEquals(1, p.gpus().size());
        assertNull(p.gpus().get(0).vramTotalBytes());
        assertEquals(3, p.notes().size(), p.notes().toString());
    }

    @Test
    void emptyIsNoGpu() {
        DrmSysfs.Parsed p = DrmSysfs.parse(Fixtures.lines("sysfs-drm/empty.txt"));
        assertEquals(List.of(), p.gpus());
        assertEquals(List.of(), p.notes());
    }

    @Test
    void acquireReadsTheCardDirectoriesOnly(@TempDir Path root) {
        Fixtures.write(root, "/sys/class/drm/card0/device/vendor", "0x1002\n");
        Fixtures.write(root, "/sys/class/drm/card0/device/device", "0x744c\n");
        Fixtures.write(root, "/sys/class/drm/card0/device/mem_info_vram_total", "25753026560\n");
        Fixtures.write(root, "/sys/class/drm/card0-DP-1/status", "connected\n");
        Fixtures.write(root, "/sys/class/drm/renderD128/dev", "226:128\n");
        GpuReading.Found found = assertInstanceOf(GpuReading.Found.class, new DrmSysfs(SystemFiles.under(root)).read());
        assertEquals(1, found.gpus().size());
        assertEquals(25753026560L, found.gpus().get(0).vramTotalBytes());
    }

    @Test
    void noDrmIsAbsent(@TempDir Path root) {
        assertInstanceOf(GpuReading.Absent.class, new DrmSysfs(SystemFiles.under(root)).read());
    }
}
