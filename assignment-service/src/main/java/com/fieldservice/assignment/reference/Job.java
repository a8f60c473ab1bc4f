package com.fieldservice.assignment.reference;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A job to be done at a service address, belonging to one or more dispatch groups. */
public record Job(@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String id,
		@NotBlank @Size(max = 200) String title, @NotBlank @Size(max = 64) String jobType,
		@NotNull @Valid Address serviceAddress, @NotBlank @Size(max = 64) String timeZone,
		@NotEmpty @Size(max = 20) List<@NotBlank String> dispatchGroups) {

	/** Where the work takes place. */
	public record Address(@NotBlank @Size(max = 200) String street, @NotBlank @Size(max = 100) String city,
			@NotBlank @Size(max = 20) String postalCode, @Size(max = 100) String region,
			@NotBlank @Pattern(regexp = "[A-Z]{2}") String country) {
	}

}
