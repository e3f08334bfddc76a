package dev.fitd.inventory.source;

/**
 * One source of installed / loaded models. {@link #poll()} never throws and returns within the
 * source's timeouts: a down, slow, unauthorised or garbage-answering runtime is a failed
 * {@link RuntimePoll}, not an exception.
 */
public interface RuntimeClient {
    RuntimeKind kind();

    /** Where it is asked: base URL, or directories for GGUF scanning. */
    String location();

    /** Asks the runtime now; blocks at most for the configured timeouts. */
    RuntimePoll poll();
}
