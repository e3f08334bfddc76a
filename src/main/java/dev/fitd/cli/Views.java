package dev.fitd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fitd.cli.Table.Cell;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders the API's JSON answers as terminal tables; every figure shown is a field of that answer. */
final class Views {
    private Views() { }

    /** ANSI colours of the fit levels: green, cyan, yellow, red. */
    static String fitColour(String level) {
        return switch (level) {
            case "perfect" -> "32";
            case "good" -> "36";
            case "marginal" -> "33";
            case "too_tight" -> "31";
            default -> null;
        };
    }

    static List<String> models(JsonNode answer, boolean details, boolean colour) {
        List<String> lines = new ArrayList<>();
        JsonNode sys = answer.path("system");
        lines.add(heading(answer.path("node"), sys));
        Table t = new Table(List.of("#", "model", "params", "quant", "fit", "run mode", "tok/s", "mem GiB", "use %",
                "context", "score", "use case", "local"),
                true, false, true, false, false, false, true, true, true, true, true, false, false);
        int i = 0;
        for (JsonNode r : answer.path("models")) {
            i++;
            String fit = text(r.path("fit_level"));
            JsonNode mem = r.path("memory");
            t.add(List.of(Cell.right(Integer.toString(i)), Cell.left(text(r.path("key"))),
                    Cell.right(text(r.path("params_string"))), Cell.left(text(r.path("best_quant"))),
                    new Cell(fit, fitColour(fit), false), Cell.left(text(r.path("run_mode"))),
                    Cell.right(number(r.path("estimated_tps"), 1)),
                    Cell.right(number(mem.path("required_gb"), 1) + "/" + number(mem.path("available_gb"), 1)),
                    Cell.right(number(mem.path("utilization_pct"), 0)),
                    Cell.right(text(r.path("effective_context_length"))), Cell.right(number(r.path("score"), 1)),
                    Cell.left(text(r.path("use_case"))), Cell.left(local(r))));
        }
        lines.addAll(t.render(colour));
        lines.add(answer.path("returned_models").asInt() + " of " + answer.path("total_models").asInt()
                + " matching models shown");
        if (details && answer.path("models").size() > 0) {
            lines.add("");
            lines.addAll(detail(answer.path("models").get(0)));
        }
        return lines;
    }

    /** The first row's memory breakdown, placement, notes and verify command. */
    static List<String> detail(JsonNode r) {
        List<String> lines = new ArrayList<>();
        JsonNode mem = r.path("memory");
        lines.add(text(r.path("key")) + " (" + text(r.path("display_name")) + ", " + text(r.path("provider")) + ")");
        lines.add("  memory    " + number(mem.path("required_gb"), 2) + " GiB = weights " + number(mem.path("weights_gb"), 2)
                + " + KV cache " + number(mem.path("kv_cache_gb"), 2) + " + overhead " + number(mem.path("overhead_gb"), 2)
                + ", of " + number(mem.path("available_gb"), 2) + " GiB (" + number(mem.path("utilization_pct"), 1) + " %)");
        lines.add("  layers    " + text(r.path("gpu_layers")) + " on GPU, " + text(r.path("cpu_layers")) + " on CPU; context "
                + text(r.path("effective_context_length")) + " (usable " + text(r.path("usable_context")) + ", max "
                + text(r.path("max_context_length")) + ")");
        lines.add("  speed     " + number(r.path("estimated_tps"), 1) + " tok/s decode, "
                + number(r.path("estimated_prefill_tps"), 0) + " tok/s prefill");
        for (JsonNode n : r.path("notes")) {
            lines.add("  note      " + n.asText());
        }
        lines.add("  verify    " + text(r.path("verify_command")));
        return lines;
    }

    static List<String> system(JsonNode answer, boolean colour) {
        JsonNode s = answer.path("system");
        List<String> lines = new ArrayList<>();
        lines.add(heading(answer.path("node"), s));
        Table t = new Table(List.of("resource", "value", "source"), false, false, false);
        JsonNode prov = s.path("provenance");
        t.add(List.of(Cell.left("RAM total"), Cell.left(number(s.path("total_ram_gb"), 1) + " GiB"),
                Cell.left(text(prov.path("memory.total")))));
        t.add(List.of(Cell.left("RAM available"), Cell.left(number(s.path("available_ram_gb"), 1) + " GiB"),
                Cell.left(text(prov.path("memory.available")))));
        t.add(List.of(Cell.left("container limit"), Cell.left(s.path("container_limit_gb").isNull() ? "none"
                : number(s.path("container_limit_gb"), 1) + " GiB"), Cell.left(text(prov.path("memory.container_limit")))));
        t.add(List.of(Cell.left("RAM bandwidth"), Cell.left(number(s.path("ram_bandwidth_gbps"), 1) + " GB/s"),
                Cell.left(text(prov.path("memory.bandwidth")))));
        t.add(List.of(Cell.left("CPU"), Cell.left(text(s.path("cpu_name")) + ", " + text(s.path("cpu_cores")) + " cores"),
                Cell.left(text(prov.path("cpu.name")))));
        int g = 0;
        for (JsonNode gpu : s.path("gpus")) {
            t.add(List.of(Cell.left("GPU " + g), Cell.left(gpu.path("count").asInt() + " x " + text(gpu.path("name")) + ", "
                    + number(gpu.path("vram_gb"), 1) + " GiB, " + number(gpu.path("memory_bandwidth_gbps"), 0) + " GB/s, "
                    + text(gpu.path("backend")) + (gpu.path("unified_memory").asBoolean() ? ", unified" : "")),
                    Cell.left(text(prov.path("gpus[" + g + "].vram_total")))));
            g++;
        }
        if (g == 0) {
            t.add(List.of(Cell.left("GPU"), Cell.left("none"), Cell.left(text(prov.path("gpus")))));
        }
        lines.addAll(t.render(colour));
        for (JsonNode w : s.path("warnings")) {
            lines.add((colour ? "\u001b[33mwarning\u001b[0m: " : "warning: ") + w.asText());
        }
        return lines;
    }

    private static String heading(JsonNode node, JsonNode sys) {
        StringBuilder b = new StringBuilder(text(node.path("name")) + ": " + number(sys.path("total_ram_gb"), 1) + " GiB RAM");
        for (JsonNode gpu : sys.path("gpus")) {
            b.append(", ").append(gpu.path("count").asInt()).append(" x ").append(text(gpu.path("name")))
                    .append(" (").append(number(gpu.path("vram_gb"), 1)).append(" GiB)");
        }
        return b.toString();
    }

    private static String local(JsonNode r) {
        boolean loaded = r.path("loaded_instances").size() > 0;
        return loaded ? "loaded" : r.path("installed").asBoolean() ? "installed" : "";
    }

    static String text(JsonNode n) {
        return n == null || n.isMissingNode() || n.isNull() ? "-" : n.asText();
    }

    static String number(JsonNode n, int decimals) {
        if (n == null || !n.isNumber()) {
            return "-";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", n.asDouble());
    }
}
