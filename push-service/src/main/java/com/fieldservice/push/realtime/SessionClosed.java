package com.fieldservice.push.realtime;

import com.fieldservice.push.security.Subscriber;

/**
 * Published when a registered client's session has closed, whatever the reason.
 *
 * @param sessionId the WebSocket session
 * @param subscriber who disconnected
 */
public record SessionClosed(String sessionId, Subscriber subscriber) {
}
