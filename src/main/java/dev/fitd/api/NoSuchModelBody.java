package dev.fitd.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The 404 body of {@code /api/v1/models/{name}}: the error, and up to three catalog keys nearest to the
 * name (closest first; empty when nothing is close), which the error text also lists.
 */
public record NoSuchModelBody(String error, @JsonProperty("did_you_mean") List<String> didYouMean) { }
