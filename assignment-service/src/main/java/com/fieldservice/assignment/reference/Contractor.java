package com.fieldservice.assignment.reference;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A contractor jobs can be assigned to. */
public record Contractor(@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String id,
		@NotBlank @Size(max = 200) String displayName) {
}
