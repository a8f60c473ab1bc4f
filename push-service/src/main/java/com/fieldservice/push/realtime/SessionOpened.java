package com.fieldservice.push.realtime;

import com.fieldservice.push.security.Subscriber;

/**
 * Published once a client is welcomed and registered.
 *
 * @param sessionId the WebSocket session
 * @param subscriber who connected
 */
public record SessionOpened(String sessionId, Subscriber subscriber) {
}
