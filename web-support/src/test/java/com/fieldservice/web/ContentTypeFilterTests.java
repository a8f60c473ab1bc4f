package com.fieldservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ContentTypeFilterTests {

	private final ContentTypeFilter filter = new ContentTypeFilter();

	@Test
	void refusesAWildcardAndAnUnparsableContentTypeWith415ProblemDetails() throws Exception {
		for (String type : new String[] { "*/*", "application/*", "garbage", "application/" }) {
			var response = filtered(type);

			assertThat(response.getStatus()).as(type).isEqualTo(415);
			assertThat(response.getContentType()).as(type).startsWith("application/problem+json");
		}
	}

	@Test
	void passesAConcreteContentTypeAndARequestWithoutOne() throws Exception {
		assertThat(filtered("application/json; charset=UTF-8").getStatus()).isEqualTo(200);
		assertThat(filtered(null).getStatus()).isEqualTo(200);
	}

	private MockHttpServletResponse filtered(String contentType) throws Exception {
		var request = new MockHttpServletRequest("POST", "/api/jobs");
		if (contentType != null) {
			request.addHeader("Content-Type", contentType);
		}
		var response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, new MockFilterChain());
		return response;
	}

}
