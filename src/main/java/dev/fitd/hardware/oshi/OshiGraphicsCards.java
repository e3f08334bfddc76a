package dev.fitd.hardware.oshi;

import dev.fitd.hardware.DeviceTable;
import dev.fitd.hardware.Gpu;
import dev.fitd.hardware.GpuReading;
import dev.fitd.hardware.GpuSource;
import dev.fitd.hardware.GpuVendor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import oshi.SystemInfo;
import oshi.hardware.GraphicsCard;
import oshi.hardware.HardwareAbstractionLayer;

/**
 * OSHI's graphics-card list: the probe's last resort, asked only when no vendor tool found a GPU.
 *
 * <p>On Linux OSHI's VRAM figure is the size of a PCI BAR (an address window, often 256 MiB) unless NVML
 * happens to be loadable, and nothing tells which; it is therefore dropped (VRAM unknown) and the card gets
 * a warning. On Windows (registry) and macOS (IOKit) the figure is the card's memory and is kept, also
 * with a warning. Virtual and server-management display adapters (virtio, VMware, Cirrus, Matrox, ASPEED)
 * and integrated Intel graphics are not counted as GPUs.
 */
public final class OshiGraphicsCards implements GpuSource {

    private final HardwareAbstractionLayer hal;
    private final boolean linux;

    public OshiGraphicsCards(boolean linux) {
        this(new SystemInfo().getHardware(), linux);
    }

    OshiGraphicsCards(HardwareAbstractionLayer hal, boolean linux) {
        this.hal = hal;
        this.linux = linux;
    }

    @Override
    public String name() {
        return "OSHI";
    }

    @Override
    public GpuReading read() {
        List<Gpu> gpus = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int index = 0;
        for (GraphicsCard card : hal.getGraphicsCards()) {
            String name = card.getName() == null ? "" : card.getName().strip();
            String vendorText = card.getVendor() == null ? "" : card.getVendor();
            GpuVendor vendor = vendor(name + " " + vendorText);
            if (vendor == GpuVendor.OTHER || (vendor == GpuVendor.INTEL && !name.toLowerCase(Locale.ROOT).contains("arc"))) {
                continue;
            }
            Long vram = linux || card.getVRam() <= 0 ? null : card.getVRam();
            notes.add(linux
                    ? "GPU '" + name + "' found only by OSHI: its VRAM figure on Linux is a PCI aperture, so VRAM is unknown; install the vendor tool (nvidia-smi, rocm-smi) or set fitd.hardware overrides"
                    : "GPU '" + name + "' found only by OSHI: VRAM from the OS registry, free VRAM unknown");
            gpus.add(new Gpu(index++, null, name, vendor, DeviceTable.defaultBackend(vendor), vram, null,
                    vendor == GpuVendor.APPLE, null, null, null, card.getVersionInfo(), "OSHI"));
        }
        return gpus.isEmpty() ? new GpuReading.Absent("OSHI lists no GPU") : new GpuReading.Found(gpus, notes);
    }

    static GpuVendor vendor(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.contains("nvidia")) {
            return GpuVendor.NVIDIA;
        }
        if (t.contains("advanced micro devices") || t.contains("amd") || t.contains("radeon")) {
            return GpuVendor.AMD;
        }
        if (t.contains("intel")) {
            return GpuVendor.INTEL;
        }
        if (t.contains("apple")) {
            return GpuVendor.APPLE;
        }
        return GpuVendor.OTHER;
    }
}
