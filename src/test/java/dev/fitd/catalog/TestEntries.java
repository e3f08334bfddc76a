package dev.fitd.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds catalog entries and files for tests: a valid base entry, edited by dotted path. */
final class TestEntries {
    static final ObjectMapper JSON = new ObjectMapper();

    private TestEntries() { }

    /** A valid dense llm entry (Llama 3.1 8B's facts) under another key. */
    static ObjectNode dense(String key) {
        ObjectNode e = (ObjectNode) parse("""
                {
                  "key": "%s", "display_name": "Test Dense", "publisher": "%s", "provider": "Test",
                  "type": "llm", "architecture": "llama", "params": 8030261248, "params_string": "8B",
                  "release_date": "2024-07-23", "license": "llama3.1", "max_context_length": 131072,
                  "use_case": "chat", "tuning": "instruct",
                  "capabilities": {"vision": false, "tool_use": true},
                  "formats": ["gguf"], "aliases": [],
                  "arch": {"layers": 32, "hidden_size": 4096, "ffn_size": 14336, "attention_heads": 32,
                           "kv_heads": 8, "head_dim": 128, "vocab_size": 128256, "tied_embeddings": false}
                }""".formatted(key, key.substring(0, key.indexOf('/'))));
        return e;
    }

    /** A valid MoE entry (Mixtral 8x7B's facts) under another key. */
    static ObjectNode moe(String key) {
        ObjectNode e = dense(key);
        e.put("params", 46702792704L).put("active_params", 12879925248L).put("params_string", "47B-A13B");
        ObjectNode arch = (ObjectNode) e.get("arch");
        arch.put("vocab_size", 32000);
        arch.putObject("moe").put("experts", 8).put("experts_per_token", 2).put("expert_ffn_size", 14336);
        return e;
    }

    /** A file of the given entries. */
    static String file(JsonNode... entries) {
        ObjectNode f = JSON.createObjectNode();
        ArrayNode models = f.putArray("models");
        for (JsonNode e : entries) {
            models.add(e);
        }
        return f.toPrettyString();
    }

    static Path write(Path dir, String name, String content) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content, StandardCharsets.UTF_8);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets {@code dotted.path} to a JSON value (given as JSON text), creating objects on the way. */
    static ObjectNode set(ObjectNode entry, String path, String jsonValue) {
        String[] parts = path.split("\\.");
        ObjectNode node = entry;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.has(parts[i]) ? (ObjectNode) node.get(parts[i]) : node.putObject(parts[i]);
        }
        node.set(parts[parts.length - 1], parse(jsonValue));
        return entry;
    }

    /** Removes {@code dotted.path}. */
    static ObjectNode remove(ObjectNode entry, String path) {
        int dot = path.lastIndexOf('.');
        ObjectNode parent = dot < 0 ? entry : (ObjectNode) entry.at("/" + path.substring(0, dot).replace('.', '/'));
        parent.remove(path.substring(dot + 1));
        return entry;
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
