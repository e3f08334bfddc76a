package dev.fitd.api;

import dev.fitd.estimate.InferenceRuntime;
import dev.fitd.estimate.QuantType;
import dev.fitd.hardware.DeviceSpec;
import dev.fitd.hardware.DeviceTable;
import dev.fitd.query.QueryException;
import dev.fitd.query.QueryParser;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /api/v1/devices}: the what-if vocabulary, read-only. Every GPU and Apple chip of fitd's device
 * table (a name accepted by the {@code gpu} parameter, with the published memory and bandwidth the what-if
 * uses), and each runtime's quantization ladder, best first (the values {@code quant} accepts that the
 * best-that-fits search walks). The dashboard's what-if picker and its per-model quant table read it.
 * Takes no parameters; any given is a 400, as everywhere in the API.
 */
@Path("/api/v1/devices")
@Produces(MediaType.APPLICATION_JSON)
public class DevicesResource {

    /** One device: its name, vendor, memory (GiB; null when variants differ or it is unified) and bandwidth (GB/s). */
    public record Device(String name, String vendor, Double vramGb, boolean unifiedMemory, double memoryBandwidthGbps,
                         Double fp16Tflops) {
        static Device of(DeviceSpec d) {
            return new Device(d.name(), d.vendor().name().toLowerCase(Locale.ROOT), d.vramGib(), d.unifiedMemory(),
                    d.memoryBandwidthGbps(), d.fp16Tflops());
        }
    }

    /**
     * @param devices the device table, in its file order
     * @param quantLadders per runtime ({@code llamacpp}, {@code mlx}), the quantizations best first
     */
    public record DevicesResponse(List<Device> devices, Map<String, List<String>> quantLadders) { }

    @GET
    public DevicesResponse devices(@Context UriInfo uri) {
        for (String name : uri.getQueryParameters(true).keySet()) {
            String shown = QueryParser.shorten(name == null ? "" : name);
            throw new QueryException(shown, "unknown parameter '" + shown + "': /api/v1/devices takes no parameters");
        }
        Map<String, List<String>> ladders = new LinkedHashMap<>();
        for (InferenceRuntime r : InferenceRuntime.values()) {
            ladders.put(r.wire(), QuantType.ladder(r).stream().map(QuantType::wire).toList());
        }
        return new DevicesResponse(DeviceTable.devices().stream().map(Device::of).toList(), ladders);
    }
}
