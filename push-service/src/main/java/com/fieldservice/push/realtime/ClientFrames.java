package com.fieldservice.push.realtime;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what clients send. The one frame they may send is
 * {@code {"type":"ack","resume":"<position>"}}: "I have everything before this position",
 * stored so that the subscriber's next connection without a position resumes there.
 */
final class ClientFrames {

	private final JsonMapper json;

	ClientFrames(JsonMapper json) {
		this.json = json;
	}

	/**
	 * The position an ack frame acknowledges.
	 * @throws Refusal when {@code text} is not an ack frame with a valid position
	 */
	Cursor acknowledgement(String text) {
		JsonNode frame = parse(text);
		String type = frame.path("type").asString("");
		if (!type.equals("ack")) {
			throw Refusal.badRequest("unknown frame type '" + abbreviate(type) + "'; clients only send ack frames");
		}
		JsonNode resume = frame.get("resume");
		if (resume == null || !resume.isString() || resume.asString().isBlank()) {
			throw Refusal.badRequest("an ack carries the resume position of the last frame processed");
		}
		try {
			return Cursor.parse(resume.asString());
		}
		catch (IllegalArgumentException ex) {
			throw Refusal.badRequest("malformed resume position in ack: " + ex.getMessage());
		}
	}

	private JsonNode parse(String text) {
		try {
			JsonNode frame = json.readTree(text);
			if (frame == null || !frame.isObject()) {
				throw Refusal.badRequest("frames are JSON objects with a type");
			}
			return frame;
		}
		catch (JacksonException ex) {
			throw Refusal.badRequest("frames are JSON objects with a type");
		}
	}

	private static String abbreviate(String text) {
		return (text.length() <= 40) ? text : text.substring(0, 40) + "…";
	}

}
