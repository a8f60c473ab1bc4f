/**
 * The WebSocket side of push-service: from an accepted handshake to frames on the wire.
 *
 * <p>
 * A map of the package, in the order a connection meets it:
 * <ul>
 * <li><b>Endpoint</b>: {@link com.fieldservice.push.realtime.WebSocketConfiguration} maps
 * {@code /ws}; {@link com.fieldservice.push.realtime.NotificationSocketHandler} receives
 * the session and hands it to {@link com.fieldservice.push.realtime.Admission}, which
 * checks the {@link com.fieldservice.push.realtime.Subscription} against the token, picks
 * the start {@link com.fieldservice.push.realtime.Cursor} and sends the welcome, or a
 * {@link com.fieldservice.push.realtime.Refusal}.</li>
 * <li><b>Per connection</b>: {@link com.fieldservice.push.realtime.Connection} is the
 * send path that never blocks its caller (one queue, one sender at a time, cut off when
 * the client falls behind its {@link com.fieldservice.push.realtime.SendLimits});
 * {@link com.fieldservice.push.realtime.Delivery} holds where the connection stands and
 * the hand-over from catch-up to live.</li>
 * <li><b>Live</b>: {@link com.fieldservice.push.realtime.NotificationDispatcher} routes
 * each {@link com.fieldservice.push.realtime.Notification} of the live feed to the
 * connections of its {@link com.fieldservice.push.realtime.Audience}, looked up in
 * {@link com.fieldservice.push.realtime.Connections}.</li>
 * <li><b>Catch-up</b>: {@link com.fieldservice.push.realtime.CatchUps} replays from
 * {@link com.fieldservice.push.realtime.History} (Kafka) what a resuming client missed,
 * counted in {@link com.fieldservice.push.realtime.StreamPartition} offsets, then hands
 * over to live.</li>
 * <li><b>Client frames</b>: {@link com.fieldservice.push.realtime.ClientFrames} reads
 * acks, stored through {@link com.fieldservice.push.realtime.AcknowledgedPositions}.</li>
 * <li><b>Around it</b>: {@link com.fieldservice.push.realtime.Frames} writes every server
 * frame ({@link com.fieldservice.push.realtime.JobAssignedJson} and
 * {@link com.fieldservice.push.realtime.AssignmentCancelledJson} are the events' JSON);
 * {@link com.fieldservice.push.realtime.Heartbeat} pings and closes expired sessions;
 * {@link com.fieldservice.push.realtime.ShutdownNotice} closes with 1012 on shutdown;
 * {@link com.fieldservice.push.realtime.Broadcaster} lets presence reach clients;
 * {@link com.fieldservice.push.realtime.RealtimeMetrics} counts;
 * {@link com.fieldservice.push.realtime.SessionOpened} and
 * {@link com.fieldservice.push.realtime.SessionClosed} tell other features.</li>
 * </ul>
 */
package com.fieldservice.push.realtime;
