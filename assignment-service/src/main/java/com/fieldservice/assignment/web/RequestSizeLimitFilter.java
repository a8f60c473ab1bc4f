package com.fieldservice.assignment.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ReadListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fieldservice.assignment.AssignmentProperties;

/**
 * Refuses request bodies over {@code assignments.max-request-bytes} with 413, by
 * Content-Length up front and by counting bytes for chunked bodies, before any of it is
 * parsed.
 */
@Component
class RequestSizeLimitFilter extends OncePerRequestFilter {

	private final int limit;

	RequestSizeLimitFilter(AssignmentProperties properties) {
		this.limit = properties.maxRequestBytes();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > limit) {
			response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.getWriter()
				.write("{\"type\":\"about:blank\",\"title\":\"Request body too large\",\"status\":413,\"detail\":\""
						+ new RequestTooLarge(limit).getMessage() + "\"}");
			return;
		}
		chain.doFilter(new LimitedRequest(request, limit), response);
	}

	/** Counts the bytes read and fails past the limit. */
	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final int limit;

		LimitedRequest(HttpServletRequest request, int limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			ServletInputStream in = super.getInputStream();
			return new ServletInputStream() {
				private long count;

				@Override
				public int read() throws IOException {
					int b = in.read();
					if (b >= 0 && ++count > limit) {
						throw new RequestTooLarge(limit);
					}
					return b;
				}

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
					int n = in.read(buffer, offset, length);
					if (n > 0 && (count += n) > limit) {
						throw new RequestTooLarge(limit);
					}
					return n;
				}

				@Override
				public boolean isFinished() {
					return in.isFinished();
				}

				@Override
				public boolean isReady() {
					return in.isReady();
				}

				@Override
				public void setReadListener(ReadListener listener) {
					in.setReadListener(listener);
				}
			};
		}

	}

}
