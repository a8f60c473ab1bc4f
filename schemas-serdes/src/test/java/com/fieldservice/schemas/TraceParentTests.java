package com.fieldservice.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TraceParentTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	@Test
	void takesTheTraceIdOfAValidTraceparent() {
		assertThat(TraceParent.traceId("00-" + TRACE_ID + "-00f067aa0ba902b7-01")).contains(TRACE_ID);
		var headers = new RecordHeaders().add(TraceParent.HEADER,
				("00-" + TRACE_ID + "-00f067aa0ba902b7-00").getBytes(StandardCharsets.UTF_8));
		assertThat(TraceParent.traceId(headers)).contains(TRACE_ID);
	}

	@Test
	void acceptsTheExtraFieldsOfALaterVersion() {
		assertThat(TraceParent.traceId("cc-" + TRACE_ID + "-00f067aa0ba902b7-01-what-comes-later")).contains(TRACE_ID);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "00", "garbage", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
			"00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
			"00-00000000000000000000000000000000-00f067aa0ba902b7-01",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
			"ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
			" 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" })
	void refusesWhatTheFormatDoesNotAllow(String value) {
		assertThat(TraceParent.traceId(value)).isEmpty();
	}

	@Test
	void refusesNothingAtAll() {
		assertThat(TraceParent.traceId((String) null)).isEmpty();
		assertThat(TraceParent.traceId(new RecordHeaders())).isEmpty();
	}

}
