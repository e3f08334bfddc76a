package dev.fitd.hardware;

/** Who made a GPU; decides which tools and which llama.cpp backend apply. */
public enum GpuVendor { NVIDIA, AMD, INTEL, APPLE, OTHER }
