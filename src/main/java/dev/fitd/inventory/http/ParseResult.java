package dev.fitd.inventory.http;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The outcome of parsing one runtime response: a value, or a message saying what was wrong. Parsers
 * return this instead of throwing, so garbage from a runtime can never escape as an exception.
 */
public sealed interface ParseResult<T> {

    /** Parsed; {@code warnings} name entries that were skipped. */
    record Ok<T>(T value, List<String> warnings) implements ParseResult<T> {
        public Ok {
            warnings = List.copyOf(warnings);
        }
    }

    /** Not parseable: {@code error} says what and where, e.g. {@code expected an object with a "models" array}. */
    record Failed<T>(String error) implements ParseResult<T> { }

    static <T> ParseResult<T> ok(T value) { return new Ok<>(value, List.of()); }

    static <T> ParseResult<T> ok(T value, List<String> warnings) { return new Ok<>(value, warnings); }

    static <T> ParseResult<T> failed(String error) { return new Failed<>(error); }

    default boolean isOk() { return this instanceof Ok; }

    /** The value when parsed. */
    default Optional<T> result() {
        return this instanceof Ok<T> ok ? Optional.of(ok.value()) : Optional.empty();
    }

    /** The error when not parsed. */
    default Optional<String> failure() {
        return this instanceof Failed<T> f ? Optional.of(f.error()) : Optional.empty();
    }

    default <R> ParseResult<R> map(Function<T, R> f) {
        if (this instanceof Ok<T> ok) {
            return new Ok<>(f.apply(ok.value()), ok.warnings());
        }
        return new Failed<>(((Failed<T>) this).error());
    }
}
