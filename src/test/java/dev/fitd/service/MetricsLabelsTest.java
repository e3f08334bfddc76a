package dev.fitd.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Metric labels stay within fixed sets whatever a tool prints or a caller requests. */
class MetricsLabelsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "nvidia-smi failed: /usr/bin/nvidia-smi: timed out after 3s | nvidia-smi",
            "rocm-smi failed: exit code 2                                | rocm-smi",
            "cgroup limits unreadable (x): container limits are not applied | cgroup",
            "system RAM bandwidth unknown: assuming 83.2 GB/s             | system_ram",
            "GPU 'X' is not in the device table                           | gpu",
            "nvidia-smiX is something else                                | other",
            "\u202e\u0000 garbage from a tool                             | other",
            "''                                                           | other"})
    void warningsAreAttributedToAKnownSourceOrOther(String warning, String source) {
        assertEquals(source, FitdMetrics.warningSource(warning));
    }

    @ParameterizedTest
    @CsvSource({
            "/api/v1/models/top, /api/v1/models/top",
            "'/api/v1/models/{name: .+}', /api/v1/models/{name}",
            "/api/v1/models/%zz, OTHER",
            "/bad-request, OTHER",
            "/etc/passwd, OTHER",
            "NOT_FOUND, NOT_FOUND",
            "/api/v1/runtimes, /api/v1/runtimes"})
    void requestUrisAreBoundedToTheRoutes(String uri, String tag) {
        assertEquals(tag, MetricsFilters.bound(uri));
    }
}
