package app.inbo.experience.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Up to 500 interactions, recorded all or nothing. */
public record InteractionBatchRequest(
        @NotNull @Size(min = 1, max = InteractionBatchRequest.MAX) List<@Valid @NotNull InteractionRequest> interactions) {

    public static final int MAX = 500;
}
