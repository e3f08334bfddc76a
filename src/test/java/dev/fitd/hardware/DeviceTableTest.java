package dev.fitd.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
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
            "Apple M5 Max", "Apple M5 Pro",
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
}
