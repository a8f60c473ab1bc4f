package com.fieldservice.assignment.reference;

import jakarta.validation.constraints.NotBlank;

import com.fieldservice.assignment.web.Identifier;
import com.fieldservice.assignment.web.Text;

/** A contractor jobs can be assigned to. */
public record Contractor(@Identifier String id, @NotBlank @Text(max = 200) String displayName) {
}
