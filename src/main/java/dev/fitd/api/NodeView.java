package dev.fitd.api;

import dev.fitd.hardware.HardwareSnapshot;

/** {@code {"name": host, "os": operating system}}. */
public record NodeView(String name, String os) {
    static NodeView of(HardwareSnapshot s) {
        return new NodeView(s.nodeName(), s.os());
    }
}
