package com.fieldservice.assignment.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * An id of this API (a job, contractor, dispatch group or caller): 1 to 64 letters,
 * digits, dots, underscores and hyphens. Ids appear in URLs, Kafka keys and logs, so
 * nothing else is allowed in them.
 */
@Documented
@Constraint(validatedBy = {})
@NotNull
@Pattern(regexp = Identifier.PATTERN)
@ReportAsSingleViolation
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface Identifier {

	String PATTERN = "[A-Za-z0-9._-]{1,64}";

	String message() default "must be 1 to 64 letters, digits, '.', '_' or '-'";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
