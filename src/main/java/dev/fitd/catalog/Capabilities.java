package dev.fitd.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** What a model can do beyond text in / text out, as LM Studio reports it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Capabilities(boolean vision, boolean toolUse, Reasoning reasoning) {

    /** A thinking mode: the settings it allows ({@code off|on|low|medium|high}) and its default. */
    public record Reasoning(@JsonProperty("allowed_options") List<String> allowedOptions,
                            @JsonProperty("default") String defaultOption) {
        public Reasoning {
            allowedOptions = List.copyOf(allowedOptions);
        }
    }
}
