package com.fieldservice.push.realtime;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.mock;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/** Container-side sessions for tests: each records the text frames written to it. */
final class TestSessions {

	private TestSessions() {
	}

	static RecordingSession open(String id) {
		WebSocketSession session = mock(WebSocketSession.class);
		given(session.getId()).willReturn(id);
		given(session.isOpen()).willReturn(true);
		var written = new CopyOnWriteArrayList<String>();
		try {
			willAnswer((invocation) -> written.add(invocation.<TextMessage>getArgument(0).getPayload())).given(session)
				.sendMessage(any());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return new RecordingSession(session, written);
	}

	/**
	 * @param written payloads in the order they were written
	 */
	record RecordingSession(WebSocketSession session, List<String> written) {
	}

}
