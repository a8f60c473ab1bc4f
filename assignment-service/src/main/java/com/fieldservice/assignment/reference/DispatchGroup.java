package com.fieldservice.assignment.reference;

import jakarta.validation.constraints.NotBlank;

import com.fieldservice.assignment.web.Identifier;
import com.fieldservice.assignment.web.Text;

/** A dispatch desk; its dispatchers see the assignments of the jobs that belong to it. */
public record DispatchGroup(@Identifier String id, @NotBlank @Text(max = 200) String name) {
}
