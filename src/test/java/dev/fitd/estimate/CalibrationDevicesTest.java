package dev.fitd.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.estimate.CalibrationData.Row;
import dev.fitd.hardware.Backend;
import dev.fitd.hardware.DeviceTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every device named in both calibration files resolves by name in fitd's device (or CPU) table. */
class CalibrationDevicesTest {

    @Test
    void everyDeviceOfBothCalibrationFilesResolvesByName() throws IOException {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (String file : List.of(CalibrationData.BENCH, CalibrationData.SCOREBOARD)) {
            String[] lines;
            try (InputStream in = getClass().getResourceAsStream("/calibration/" + file)) {
                lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            }
            List<String> header = List.of(lines[0].split("\t", -1));
            int device = header.indexOf("device");
            int backend = header.indexOf("backend");
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                String[] f = lines[i].split("\t", -1);
                boolean cpu = f[backend].equals("CPU");
                boolean found = cpu ? DeviceTable.lookupCpu(f[device]).isPresent() : DeviceTable.lookup(f[device]).isPresent();
                checked++;
                if (!found) {
                    missing.add(file + ":" + (i + 1) + " " + f[device]);
                }
            }
        }
        assertEquals(117 + 85, checked);
        assertEquals(List.of(), missing);
    }

    @Test
    void theSameHardwareInBothFilesIsOneDevice() {
        for (Row r : CalibrationData.load()) {
            if (r.device().startsWith("RTX 4090")) {
                assertEquals("GeForce RTX 4090", CalibrationData.deviceKey(r), r.device());
            }
            if (r.device().startsWith("Radeon 8060S")) {
                assertEquals("Ryzen AI Max+ 395 (Radeon 8060S)", CalibrationData.deviceKey(r));
            }
            if (r.backend() == Backend.METAL && r.device().contains("M3 Ultra")) {
                assertTrue(CalibrationData.deviceKey(r).startsWith("Apple M3 Ultra"), r.device());
            }
        }
    }
}
