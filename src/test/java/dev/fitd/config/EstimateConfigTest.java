package dev.fitd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.estimate.EstimatorSettings;
import dev.fitd.estimate.KvCacheType;
import dev.fitd.estimate.QuantType;
import dev.fitd.fit.FitThresholds;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mapping through SmallRye Config (no Quarkus boot): defaults equal the records' defaults; bad values name the key. */
class EstimateConfigTest {

    private static EstimateConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withMapping(EstimateConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build()
                .getConfigMapping(EstimateConfig.class);
    }

    @Test
    void defaultsAreTheRecordDefaults() {
        EstimateConfig c = config(Map.of());
        assertEquals(EstimatorSettings.DEFAULTS, c.settings());
        assertEquals(FitThresholds.DEFAULTS, c.thresholds());
    }

    @Test
    void valuesAreMapped() {
        EstimateConfig c = config(Map.of("fitd.estimate.default-context", "32768", "fitd.estimate.kv-cache", "Q8_0",
                "fitd.estimate.headroom-min-mib", "1024", "fitd.estimate.fit.perfect-min-quant", "q4_k_m",
                "fitd.estimate.fit.good-min-tps", "5"));
        assertEquals(32768, c.settings().defaultContext());
        assertEquals(KvCacheType.Q8_0, c.settings().defaultKvCache());
        assertEquals(1024L << 20, c.settings().headroomMinBytes());
        assertEquals(QuantType.Q4_K_M, c.thresholds().perfectMinQuant());
        assertEquals(5, c.thresholds().goodMinTps());
    }

    @Test
    void badValuesNameTheProperty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config(Map.of("fitd.estimate.kv-cache", "q3")).settings());
        assertTrue(e.getMessage().startsWith("fitd.estimate.kv-cache: invalid kv_cache value 'q3'"), e.getMessage());
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
                () -> config(Map.of("fitd.estimate.fit.perfect-max-utilization", "0.95")).thresholds());
        assertTrue(t.getMessage().startsWith("fitd.estimate.fit: "), t.getMessage());
    }
}
