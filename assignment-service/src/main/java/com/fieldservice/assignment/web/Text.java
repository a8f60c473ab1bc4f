package com.fieldservice.assignment.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * One line of human text (a title, a name, a street): no control characters (a NUL cannot
 * even be stored in Postgres), no leading or trailing whitespace, at most {@link #max()}
 * characters. Null is left to {@code @NotNull} or {@code @NotBlank}.
 */
@Documented
@Constraint(validatedBy = Text.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface Text {

	int max();

	String message() default "must be one line of at most {max} characters, without control characters or "
			+ "surrounding whitespace";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Checks a {@link Text}. */
	class Validator implements ConstraintValidator<Text, String> {

		private int max;

		@Override
		public void initialize(Text text) {
			this.max = text.max();
		}

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || (value.length() <= this.max && value.strip().equals(value) && value.codePoints()
				.noneMatch((c) -> Character.isISOControl(c) || Character.isSurrogate((char) c)));
		}

	}

}
