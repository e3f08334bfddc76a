package dev.fitd.hardware.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.hardware.Backend;
import dev.fitd.hardware.Gpu;
import dev.fitd.hardware.GpuVendor;
import dev.fitd.hardware.HardwareSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProfileReaderTest {

    private static final long GIB = 1L << 30;

    private static HardwareSnapshot parse(String json) {
        return ProfileReader.parse(json, "p.json", 1, Instant.EPOCH, "node", "Linux");
    }

    @Test
    void shippedExamplesLoad() {
        HardwareSnapshot rtx = ProfileReader.read(Path.of("config/profile.rtx4090.example.json"), 1, Instant.EPOCH, "n", "os");
        assertEquals(64 * GIB, rtx.memory().totalBytes());
        assertEquals(56 * GIB, rtx.memory().availableBytes());
        assertEquals(1008.0, rtx.gpus().get(0).memoryBandwidthGbps());
        assertEquals(24 * GIB, rtx.gpus().get(0).vramTotalBytes());

        HardwareSnapshot mac = ProfileReader.read(Path.of("config/profile.m2max.example.json"), 1, Instant.EPOCH, "n", "os");
        Gpu m2 = mac.gpus().get(0);
        assertTrue(m2.unifiedMemory());
        assertEquals(Backend.METAL, m2.backend());
        assertEquals(72 * GIB, m2.vramTotalBytes(), "3/4 of 96 GiB");
        assertEquals(400.0, mac.memory().bandwidthGbps());
        assertEquals(13.6, m2.fp16Tflops());

        HardwareSnapshot a100 = ProfileReader.read(Path.of("config/profile.2xa100.example.json"), 1, Instant.EPOCH, "n", "os");
        assertEquals(2, a100.gpus().size());
        assertEquals(2039.0, a100.gpus().get(1).memoryBandwidthGbps());
        assertEquals(80 * GIB, a100.gpus().get(1).vramTotalBytes());
        assertEquals(204.8, a100.memory().bandwidthGbps());
        assertEquals(64.0, a100.cpu().usableCores());
    }

    @Test
    void flatFieldsAndAFullApiResponse() {
        HardwareSnapshot s = parse("""
                {"node": {"name": "gpu-7", "os": "Linux"},
                 "system": {"total_ram_gb": 128, "available_ram_gb": 100, "cpu_cores": 32, "cpu_name": "x",
                            "has_gpu": true, "gpu_vram_gb": 24, "gpu_name": "AMD Radeon RX 7900 XTX", "gpu_count": 2,
                            "unified_memory": false, "backend": "vulkan",
                            "warnings": [], "provenance": {"memory.total": "/proc"}}}
                """);
        assertEquals(2, s.gpus().size());
        assertEquals(GpuVendor.AMD, s.gpus().get(0).vendor());
        assertEquals(Backend.VULKAN, s.gpus().get(0).backend());
        assertEquals(960.0, s.gpus().get(0).memoryBandwidthGbps());
        assertEquals(100 * GIB, s.memory().availableBytes());
    }

    @Test
    void whatApiSystemPrintsCanBeFedBack() {
        HardwareSnapshot s = parse("""
                {"total_ram_gb": 64.0, "available_ram_gb": 60.5, "cpu_cores": 16, "cpu_name": "AMD Ryzen 9 7950X",
                 "has_gpu": true, "gpu_vram_gb": 24.0, "gpu_name": "NVIDIA GeForce RTX 4090", "gpu_count": 1,
                 "unified_memory": false, "backend": "cuda",
                 "gpus": [{"name": "NVIDIA GeForce RTX 4090", "vram_gb": 24.0, "count": 1, "backend": "cuda",
                           "unified_memory": false, "memory_bandwidth_gbps": 1008.0}]}
                """);
        assertEquals(1, s.gpus().size());
        assertEquals(1008.0, s.gpus().get(0).memoryBandwidthGbps());
    }

    @Test
    void noGpu() {
        HardwareSnapshot s = parse("{\"total_ram_gb\": 16, \"cpu_cores\": 8, \"has_gpu\": false}");
        assertTrue(s.gpus().isEmpty());
        assertNull(s.memory().containerLimitBytes());
        assertTrue(s.warnings().get(0).contains("ram_bandwidth_gbps not given"));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"cpu_cores": 8}                                               | total_ram_gb is required
            {"total_ram_gb": 16}                                           | cpu_cores is required
            {"total_ram_gb": "16", "cpu_cores": 8}                         | total_ram_gb must be a number, was "16"
            {"total_ram_gb": 16, "cpu_cores": 8.0}                         | cpu_cores must be a whole number, was 8.0
            {"total_ram_gb": 16, "cpu_cores": 99999999999}                 | cpu_cores has a value out of range, was 99999999999
            {"total_ram_gb": 16, "cpu_cores": 8, "cpu_name": 5}            | cpu_name must be a non-empty string, was 5
            {"total_ram_gb": 16, "cpu_cores": 8, "cpu_name": " "}          | cpu_name must be a non-empty string, was " "
            {"total_ram_gb": 16, "cpu_cores": 8, "has_gpu": 1}             | has_gpu must be true or false, was 1
            {"system": {"total_ram_gb": 16, "cpu_cores": 8, "gpus": [{"name": "T4", "vram_gb": "x"}]}} | system.gpus[0].vram_gb must be a number, was "x"
            {"total_ram_gb": 16, "cpu_cores": 8, "gpus": [null]}           | gpus[0] must be an object, was null
            {"system": 5}                                                  | system must be an object, was 5
            {"total_ram_gb": 16, "cpu_cores": 8} {}                        | not valid JSON
            {"total_ram_gb": -16, "cpu_cores": 8}                          | total_ram_gb must be positive
            {"total_ram_gb": 16, "cpu_cores": 8.5}                         | cpu_cores must be a whole number
            {"total_ram_gb": 16, "cpu_cores": 0}                           | cpu_cores must be at least 1
            {"total_ram_gb": 16, "cpu_cores": 8, "total_ram_gbb": 3}       | unknown field 'total_ram_gbb'
            {"total_ram_gb": 16, "available_ram_gb": 20, "cpu_cores": 8}   | available_ram_gb 20.0 exceeds
            {"total_ram_gb": 16, "cpu_cores": 8, "has_gpu": true}          | has_gpu is true but no GPU
            {"total_ram_gb": 16, "cpu_cores": 8, "has_gpu": "yes"}         | has_gpu must be true or false
            {"total_ram_gb": 16, "cpu_cores": 8, "gpu_vram_gb": 8}         | gpu_vram_gb is given but gpu_name is not
            {"total_ram_gb": 16, "cpu_cores": 8, "gpus": {}}               | gpus must be an array
            {"total_ram_gb": 16, "cpu_cores": 8, "gpus": [{"vram_gb": 8}]} | gpus[0].name is required
            {"total_ram_gb": 16, "cpu_cores": 8, "gpus": [{"name": "T4", "vram": 8}]} | unknown field 'gpus[0].vram'
            {"total_ram_gb": 16, "cpu_cores": 8, "gpus": [{"name": "T4", "backend": "opencl"}]} | gpus[0].backend unknown backend 'opencl'
            {"total_ram_gb": 16, "cpu_cores": 8, "gpus": [{"name": "T4", "count": 0}]} | gpus[0].count must be at least 1
            {"total_ram_gb": 16, "cpu_cores": 8, "has_gpu": false, "gpu_name": "T4"} | has_gpu is false but GPUs are described
            {"system": {"total_ram_gb": 16}, "extra": 1}                    | unknown field 'extra'
            {"system": {"total_ram_gb": 16, "cpu_cores": 8, "bogus": 1}}   | unknown field 'system.bogus'
            [1, 2]                                                         | expected a JSON object
            {"total_ram_gb": 16,                                           | not valid JSON
            """)
    void strictErrorsNameTheField(String json, String expected) {
        ProfileException e = assertThrows(ProfileException.class, () -> parse(json));
        assertTrue(e.getMessage().startsWith("p.json: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void probeKeepsTheLastGoodProfileWhenTheFileBreaks(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("p.json");
        Files.writeString(file, "{\"total_ram_gb\": 16, \"cpu_cores\": 8}");
        ProfileHardwareProbe probe = new ProfileHardwareProbe(file, "n", "os", Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        HardwareSnapshot good = probe.probe(null, 1);
        Files.writeString(file, "{\"total_ram_gb\": 16}");
        HardwareSnapshot kept = probe.probe(good, 2);
        assertEquals(good.memory(), kept.memory());
        assertEquals(1, kept.version());
        HardwareSnapshot keptAgain = probe.probe(kept, 3);
        assertEquals(kept.warnings().size(), keptAgain.warnings().size(), "the stale-profile warning is not repeated");
        assertTrue(keptAgain.warnings().get(keptAgain.warnings().size() - 1).contains("cpu_cores is required"));
        Files.delete(file);
        assertThrows(ProfileException.class, () -> probe.probe(null, 1), "a broken profile at start-up is an error");
    }
}
