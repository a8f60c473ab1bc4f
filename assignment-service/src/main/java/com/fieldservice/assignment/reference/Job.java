package com.fieldservice.assignment.reference;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fieldservice.assignment.web.Identifier;
import com.fieldservice.assignment.web.Text;

/** A job to be done at a service address, belonging to one or more dispatch groups. */
public record Job(@Identifier String id, @NotBlank @Text(max = 200) String title,
		@NotBlank @Text(max = 64) String jobType, @NotNull @Valid Address serviceAddress,
		@NotBlank @Size(max = 64) String timeZone, @NotEmpty @Size(max = 20) List<@Identifier String> dispatchGroups) {

	/** Where the work takes place. */
	public record Address(@NotBlank @Text(max = 200) String street, @NotBlank @Text(max = 100) String city,
			@NotBlank @Text(max = 20) String postalCode, @Text(max = 100) String region,
			@NotNull @Pattern(regexp = "[A-Z]{2}") String country) {
	}

}
