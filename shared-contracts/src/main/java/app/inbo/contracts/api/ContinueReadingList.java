package app.inbo.contracts.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/** The caller's unfinished items, most recently read first. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ContinueReadingList(List<ContinueReadingItem> items) {
}
