package dev.fitd.hardware;

import java.util.Locale;

/** The llama.cpp compute backend a device runs under. Wire form is lower case (cuda, rocm, metal, ...). */
public enum Backend {
    CUDA, ROCM, METAL, VULKAN, SYCL, CPU;

    public String wire() { return name().toLowerCase(Locale.ROOT); }
}
