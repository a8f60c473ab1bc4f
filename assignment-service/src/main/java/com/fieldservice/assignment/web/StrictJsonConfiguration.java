package com.fieldservice.assignment.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Reads request JSON strictly: instants only as ISO-8601 strings, exactly (Jackson would
 * trim surrounding whitespace and take bare numbers as epoch seconds); strings only from
 * JSON strings (Jackson would turn {@code 1} or {@code true} into "1" or "true"), and
 * none with a NUL character (Postgres cannot store one, and no field of this API needs
 * one).
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration {

	@Bean
	JsonMapperBuilderCustomizer strictJson() {
		var module = new SimpleModule("strict-json");
		module.addDeserializer(Instant.class, new StrictInstant());
		module.addDeserializer(String.class, new NulFreeString());
		return (builder) -> builder.addModule(module);
	}

	/** An ISO-8601 instant, written exactly so: {@code 2030-01-07T09:00:00Z}. */
	static final class StrictInstant extends ValueDeserializer<Instant> {

		@Override
		public Instant deserialize(JsonParser parser, DeserializationContext context) {
			if (!parser.hasToken(JsonToken.VALUE_STRING)) {
				return (Instant) context.handleUnexpectedToken(Instant.class, parser);
			}
			String text = parser.getString();
			try {
				return Instant.parse(text);
			}
			catch (DateTimeParseException ex) {
				return (Instant) context.handleWeirdStringValue(Instant.class, abbreviate(text),
						"not an ISO-8601 instant such as 2030-01-07T09:00:00Z");
			}
		}

	}

	/** A JSON string, unless it holds a NUL character. */
	static final class NulFreeString extends StringDeserializer {

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) {
			if (!parser.hasToken(JsonToken.VALUE_STRING)) {
				return (String) context.handleUnexpectedToken(String.class, parser);
			}
			String text = parser.getString();
			if (text != null && text.indexOf('\0') >= 0) {
				return (String) context.handleWeirdStringValue(String.class, abbreviate(text.replace('\0', ' ')),
						"contains a NUL character");
			}
			return text;
		}

	}

	private static String abbreviate(String text) {
		return (text.length() <= 40) ? text : text.substring(0, 40) + "…";
	}

}
