package dev.fitd.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceTableTest {

    /** Every GPU / Apple chip spelled as in shared/calibration/llamacpp-bench.tsv. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            A100 80GB PCIe           | A100 PCIe 80GB             | 1935
            A100-SXM4-80GB           | A100 SXM4 80GB             | 2039
            GB10 (DGX Spark)         | GB10 (DGX Spark)           | 273
            H100 PCIe                | H100 PCIe                  | 2000
            M1 Max (32GB)            | Apple M1 Max (24-core GPU) | 400
            M2 Max (30-core GPU)     | Apple M2 Max (30-core GPU) | 400
            M2 Max (38-core GPU)     | Apple M2 Max (38-core GPU) | 400
            M2 Ultra                 | Apple M2 Ultra (60-core GPU) | 800
            M5                       | Apple M5 (10-core GPU)     | 153
            RTX 3090                 | GeForce RTX 3090           | 936.2
            RTX 3090 Ti              | GeForce RTX 3090 Ti        | 1008
            RTX 4090                 | GeForce RTX 4090           | 1008
            RX 6700 XT               | Radeon RX 6700 XT          | 384
            RX 6800 XT               | Radeon RX 6800 XT          | 512
            RX 7900 XTX              | Radeon RX 7900 XTX         | 960
            Radeon Pro W7800         | Radeon Pro W7800           | 576
            Tesla P40                | Tesla P40                  | 346
            Tesla V100-PCIE-16GB     | Tesla V100 PCIe            | 900
            """)
    void everyCalibrationDeviceResolves(String name, String expected, double bandwidth) {
        DeviceSpec spec = DeviceTable.lookup(name).orElseThrow(() -> new AssertionError("not found: " + name));
        assertEquals(expected, spec.name());
        assertEquals(bandwidth, spec.memoryBandwidthGbps(), 1e-9);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Core i5-13600K                           | Core i5-13600K          | 89.6
            Intel(R) Core(TM) i5-13600K              | Core i5-13600K          | 89.6
            Ryzen 5 7600X                            | Ryzen 5 7600X           | 83.2
            AMD Ryzen 5 7600X 6-Core Processor       | Ryzen 5 7600X           | 83.2
            Threadripper PRO 5995WX                  | Threadripper PRO 5995WX | 204.8
            AMD Ryzen Threadripper PRO 5995WX 64-Cores | Threadripper PRO 5995WX | 204.8
            Graviton3                                | Graviton3               | 307.2
            """)
    void everyCalibrationCpuResolves(String name, String expected, double bandwidth) {
        CpuMemorySpec spec = DeviceTable.lookupCpu(name).orElseThrow(() -> new AssertionError("not found: " + name));
        assertEquals(expected, spec.name());
        assertEquals(bandwidth, spec.memoryBandwidthGbps(), 1e-9);
        assertFalse(spec.assumedMemory().isBlank());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            NVIDIA GeForce RTX 4090                    | GeForce RTX 4090
            GeForce RTX 4090                           | GeForce RTX 4090
            rtx4090                                    | GeForce RTX 4090
            NVIDIA GeForce RTX 4090 Laptop GPU         | GeForce RTX 4090 Laptop
            GeForce RTX 4090 Laptop GPU                | GeForce RTX 4090 Laptop
            NVIDIA GeForce RTX 3070 Ti Laptop GPU      | GeForce RTX 3070 Ti Laptop
            NVIDIA GeForce GTX 1060 with Max-Q Design  | GeForce GTX 1060 Laptop
            GeForce GTX 1080 Mobile                    | GeForce GTX 1080 Laptop
            NVIDIA GeForce RTX 4070 Ti SUPER           | GeForce RTX 4070 Ti SUPER
            NVIDIA GeForce RTX 4070 SUPER              | GeForce RTX 4070 SUPER
            NVIDIA GeForce RTX 3060                    | GeForce RTX 3060 8GB
            NVIDIA GeForce RTX 3060 12GB               | GeForce RTX 3060 12GB
            Tesla P40                                  | Tesla P40
            NVIDIA Tesla P40                           | Tesla P40
            P40                                        | Tesla P40
            Tesla P100-PCIE-12GB                       | Tesla P100 PCIe 12GB
            Tesla P100-SXM2-16GB                       | Tesla P100 SXM2
            Tesla V100-SXM2-32GB                       | Tesla V100 SXM2
            Tesla V100S-PCIE-32GB                      | Tesla V100S PCIe
            Tesla T4                                   | Tesla T4
            NVIDIA A100-SXM4-80GB                      | A100 SXM4 80GB
            NVIDIA A100-SXM4-40GB                      | A100 SXM4 40GB
            NVIDIA A100-PCIE-40GB                      | A100 PCIe 40GB
            NVIDIA A100 80GB PCIe                      | A100 PCIe 80GB
            A100                                       | A100 PCIe 40GB
            NVIDIA A10                                 | A10
            NVIDIA A10G                                | A10G
            NVIDIA L4                                  | L4
            NVIDIA L40S                                | L40S
            NVIDIA H100 PCIe                           | H100 PCIe
            NVIDIA H100 80GB HBM3                      | H100 SXM5
            NVIDIA H100 NVL                            | H100 NVL
            NVIDIA H200                                | H200
            NVIDIA B200                                | B200
            NVIDIA RTX A6000                           | RTX A6000
            NVIDIA RTX 6000 Ada Generation             | RTX 6000 Ada
            Quadro RTX 6000                            | Quadro RTX 6000
            NVIDIA RTX PRO 6000 Blackwell Workstation Edition | RTX PRO 6000 Blackwell
            NVIDIA GB10                                | GB10 (DGX Spark)
            Jetson AGX Orin 64GB                       | Jetson AGX Orin 64GB
            Orin (nvgpu)                               | Jetson Orin Nano 8GB
            AMD Radeon RX 7900 XTX                     | Radeon RX 7900 XTX
            AMD Radeon RX 7900 XT                      | Radeon RX 7900 XT
            AMD Radeon RX 6800                         | Radeon RX 6800
            Radeon Pro W7800                           | Radeon Pro W7800
            AMD Radeon PRO W7900                       | Radeon Pro W7900
            AMD Radeon Pro VII                         | Radeon Pro VII
            AMD Radeon VII                             | Radeon VII
            AMD Instinct MI300X                        | Instinct MI300X
            AMD Instinct MI250X                        | Instinct MI250X (one GCD)
            AMD Instinct MI100                         | Instinct MI100
            AMD Ryzen AI Max+ 395 w/ Radeon 8060S      | Ryzen AI Max+ 395 (Radeon 8060S)
            Radeon 8060S Graphics                      | Ryzen AI Max+ 395 (Radeon 8060S)
            Intel(R) Arc(TM) A770 Graphics             | Arc A770 8GB
            Intel Arc B580                             | Arc B580
            Intel(R) Arc(TM) A380 Graphics             | Arc A380
            Apple M2 Max                               | Apple M2 Max (30-core GPU)
            Apple M3 Max                               | Apple M3 Max (30-core GPU)
            Apple M3 Max (40-core GPU)                 | Apple M3 Max (40-core GPU)
            Apple M4 Max 16-core CPU 40-core GPU       | Apple M4 Max (40-core GPU)
            Apple M1                                   | Apple M1 (7-core GPU)
            Apple M4 Pro                               | Apple M4 Pro (16-core GPU)
            """)
    void spellingVariants(String name, String expected) {
        assertEquals(expected, DeviceTable.lookup(name).map(DeviceSpec::name).orElse("<none>"));
    }

    @Test
    void laptopIsNotTheDesktopPart() {
        DeviceSpec desktop = DeviceTable.lookup("NVIDIA GeForce RTX 4090").orElseThrow();
        DeviceSpec laptop = DeviceTable.lookup("NVIDIA GeForce RTX 4090 Laptop GPU").orElseThrow();
        assertEquals(1008, desktop.memoryBandwidthGbps(), 1e-9);
        assertEquals(576, laptop.memoryBandwidthGbps(), 1e-9);
        assertEquals(16.0, laptop.vramGib());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "   ", "Matrox G200eR2", "llvmpipe (LLVM 15.0.6, 256 bits)", "NVIDIA GeForce GTX 980",
            // a laptop part that is not listed must not fall back to the desktop card
            "NVIDIA GeForce GTX 1050 Ti with Max-Q Design",
            // an unlisted chip variant must not fall back to the base chip
            "Apple M6 Max", "Apple M6 Pro",
            // an ambiguous name as some rocm-smi versions print it
            "Navi 31 [Radeon RX 7900 XT/7900 XTX]",
            "RTX"})
    void unknownIsEmpty(String name) {
        assertTrue(DeviceTable.lookup(name).isEmpty(), name);
    }

    @Test
    void nullIsEmpty() {
        assertTrue(DeviceTable.lookup(null).isEmpty());
    }

    @Test
    void tableIsLargeAndEveryRowIsComplete() {
        assertTrue(DeviceTable.devices().size() >= 120, "rows: " + DeviceTable.devices().size());
        Set<String> names = new HashSet<>();
        for (DeviceSpec d : DeviceTable.devices()) {
            assertTrue(names.add(d.name()), "duplicate row " + d.name());
            assertTrue(d.memoryBandwidthGbps() > 0, d.name());
            assertFalse(d.source().isBlank(), d.name());
            if (d.vendor() == GpuVendor.APPLE) {
                assertTrue(d.unifiedMemory(), d.name());
            }
        }
    }

    /** Every row must be reachable by its own display name: no key shadows another row's name. */
    @Test
    void everyRowResolvesByItsOwnName() {
        for (DeviceSpec d : DeviceTable.devices()) {
            assertEquals(d.name(), DeviceTable.lookup(d.name()).map(DeviceSpec::name).orElse("<none>"));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            NVIDIA GeForce GTX 980          | NVIDIA
            AMD Radeon RX 5700 XT           | AMD
            Intel(R) UHD Graphics 630       | INTEL
            Apple M7                        | APPLE
            NVIDIA GeForce RTX 4090         | NVIDIA
            Matrox G200eR2                  | OTHER
            """)
    void vendorFromName(String name, GpuVendor vendor) {
        assertEquals(vendor, DeviceTable.vendorOf(name));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            NVIDIA GeForce RTX 3060 | 12 | GeForce RTX 3060 12GB
            NVIDIA GeForce RTX 3060 |  8 | GeForce RTX 3060 8GB
            NVIDIA GeForce RTX 3060 |    | GeForce RTX 3060 8GB
            Intel(R) Arc(TM) A770 Graphics | 16 | Arc A770 16GB
            Intel(R) Arc(TM) A770 Graphics |  8 | Arc A770 8GB
            Intel(R) Arc(tm) B580 Graphics | 12 | Arc B580
            Apple M3 Max | 36 | Apple M3 Max (30-core GPU)
            Apple M3 Max | 96 | Apple M3 Max (30-core GPU)
            Apple M3 Max | 48 | Apple M3 Max (40-core GPU)
            Apple M4 Max | 36 | Apple M4 Max (32-core GPU)
            Apple M4 Max | 128 | Apple M4 Max (40-core GPU)
            Apple M4 Max (32-core GPU) | 128 | Apple M4 Max (32-core GPU)
            Apple M5 Max | 128 | Apple M5 Max (40-core GPU)
            AMD Radeon RX 580 2048SP | 8 | Radeon RX 580 8GB
            AMD Radeon RX 5700 XT | | Radeon RX 5700 XT
            NVIDIA RTX PRO 4500 Blackwell | | RTX PRO 4500 Blackwell
            NVIDIA RTX PRO 6000 Blackwell Max-Q Workstation Edition | | RTX PRO 6000 Blackwell Max-Q
            AMD Radeon 780M Graphics | | Radeon 780M
            AMD Radeon 8060S Graphics | | Ryzen AI Max+ 395 (Radeon 8060S)
            Intel(R) Iris(R) Xe Graphics | | Intel Iris Xe Graphics
            Intel(R) Arc(TM) Graphics | | Intel Arc Graphics (Meteor/Arrow Lake iGPU)
            Intel(R) Arc(TM) 140V GPU (16GB) | | Intel Arc 140V (Lunar Lake)
            RTX 4090 24GB (Intel Core Ultra 265K host) | | GeForce RTX 4090
            """)
    void memorySizeAndNewRowsDisambiguate(String name, Double memoryGib, String expected) {
        assertEquals(expected, DeviceTable.lookup(name, memoryGib).map(DeviceSpec::name).orElse("<none>"));
    }

    @Test
    void integratedGpusAreMarkedAndReadSystemRam() {
        DeviceSpec igpu = DeviceTable.lookup("AMD Radeon 780M Graphics").orElseThrow();
        assertTrue(igpu.integrated() && igpu.unifiedMemory());
        assertFalse(DeviceTable.lookup("Apple M2 Max").orElseThrow().integrated());
        GpuCompletion.Completed c = GpuCompletion.complete(new Gpu(0, null, "AMD Radeon 780M Graphics", null, null,
                1L << 30, null, false, null, null, null, null, "test"));
        assertNull(c.gpu().memoryBandwidthGbps(), "an iGPU takes the system RAM's bandwidth, not a table figure");
        assertTrue(c.gpu().unifiedMemory());
        GpuCompletion.Completed unknownIgpu = GpuCompletion.complete(new Gpu(0, null, "AMD Radeon Graphics", null, null,
                1L << 30, null, false, null, null, null, null, "test"));
        assertTrue(unknownIgpu.gpu().unifiedMemory());
        assertTrue(unknownIgpu.warnings().isEmpty());
    }

    @Test
    void anUnknownDiscreteCardHasNoBandwidthAndAWarning() {
        GpuCompletion.Completed c = GpuCompletion.complete(new Gpu(0, null, "NVIDIA GeForce GTX 980", null, null,
                4L << 30, null, false, null, null, null, null, "test"));
        assertNull(c.gpu().memoryBandwidthGbps());
        assertEquals(1, c.warnings().size());
        assertTrue(c.warnings().get(0).contains("memory bandwidth unknown (null)"), c.warnings().get(0));
        assertTrue(c.warnings().get(0).contains("250 GB/s"), c.warnings().get(0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            4090 | GeForce RTX 4090
            GeForce 4090 | GeForce RTX 4090
            Radeon RX 7900XTX | Radeon RX 7900 XTX
            """)
    void nearestNamesForAnError(String name, String expectedFirst) {
        List<String> near = DeviceTable.nearest(name, 3, true, false);
        assertTrue(near.size() <= 3);
        assertTrue(near.contains(expectedFirst), near.toString());
    }

    @Test
    void cpuTableHasCoresAndSocs() {
        CpuMemorySpec i3 = DeviceTable.lookupCpu("13th Gen Intel(R) Core(TM) i3-1315U").orElseThrow();
        assertEquals(6, i3.cores());
        CpuMemorySpec m2max = DeviceTable.lookupCpu("Apple M2 Max").orElseThrow();
        assertEquals(400, m2max.memoryBandwidthGbps(), 1e-9);
        assertEquals(12, m2max.cores());
        assertTrue(DeviceTable.unknown("cpu", "Core i3-1315").getMessage().contains("Core i3-1315U"),
                DeviceTable.unknown("cpu", "Core i3-1315").getMessage());
    }
}
