package app.inbo.experience.rest;

import java.util.List;
import java.util.UUID;

/** The ids of the recorded interactions, in request order. */
public record InteractionsAccepted(List<UUID> interactionIds) {
}
