package com.fieldservice.assignment.reference;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A dispatch desk; its dispatchers see the assignments of the jobs that belong to it. */
public record DispatchGroup(@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String id,
		@NotBlank @Size(max = 200) String name) {
}
