// Types of job-feed-client.js and of the frames of push-service's WebSocket protocol. The frames are those of the
// AsyncAPI document (docs/asyncapi.yaml, channel `notifications`); JobFeedClientTypesIntegrationTests holds each
// interface below against its message's JSON Schema, property by property.

/** An opaque position over every partition of a subscription, e.g. `d1:15,d2:7`. */
export type Resume = string;

export interface WelcomeFrame {
  type: 'welcome';
  role: 'dispatcher' | 'contractor';
  subject: string;
  groups: string[];
  subscriptions: string[];
  resume: Resume;
}

export interface JobAssignedFrame {
  type: 'jobAssigned';
  stream: 'dispatcher' | 'contractor';
  /** The dispatch group or contractor the record is keyed by. */
  key: string;
  eventId: string;
  /** `<partition>:<offset>` in its topic. */
  position: string;
  /** The trace id of the request that assigned the job; absent when the record carries none. */
  traceId?: string;
  event: JobAssignedEvent;
  resume: Resume;
}

export interface AssignmentCancelledFrame {
  type: 'assignmentCancelled';
  stream: 'dispatcher' | 'contractor';
  /** The dispatch group or contractor the record is keyed by. */
  key: string;
  eventId: string;
  /** `<partition>:<offset>` in its topic. */
  position: string;
  /** The trace id of the request that cancelled the assignment; absent when the record carries none. */
  traceId?: string;
  event: AssignmentCancelledEvent;
  resume: Resume;
}

export interface CaughtUpFrame {
  type: 'caughtUp';
  resume: Resume;
  replayed: number;
  /** false when notifications after the client's position had passed the retention. */
  complete: boolean;
  /** With complete false, what is older than this is lost to this client. */
  oldest?: string;
}

export interface PresenceFrame {
  type: 'presence';
  full: boolean;
  online: string[];
  offline: string[];
}

export interface ErrorFrame {
  type: 'error';
  code: 'forbidden' | 'bad-request' | 'unavailable' | 'too-many';
  message: string;
}

export interface PingFrame {
  type: 'ping';
}

/** The one frame a client sends. */
export interface AckFrame {
  type: 'ack';
  resume: Resume;
}

export type ServerFrame =
  | WelcomeFrame
  | JobAssignedFrame
  | AssignmentCancelledFrame
  | CaughtUpFrame
  | PresenceFrame
  | ErrorFrame
  | PingFrame;

/** The JobAssigned event as JSON, instants as ISO-8601 UTC. */
export interface JobAssignedEvent {
  eventId: string;
  jobId: string;
  assignmentId: string;
  contractorId: string;
  contractorName: string;
  scheduledTimeSlot: TimeSlot;
  occurredAt: string;
  job: Job;
  dispatchGroups: string[];
  assignedBy: string;
}

export interface TimeSlot {
  start: string;
  end: string;
  timeZone: string;
}

export interface Job {
  title: string;
  jobType: string;
  serviceAddress: ServiceAddress;
}

export interface ServiceAddress {
  street: string;
  city: string;
  postalCode: string;
  region: string | null;
  country: string;
}

/** The AssignmentCancelled event as JSON, instants as ISO-8601 UTC. */
export interface AssignmentCancelledEvent {
  eventId: string;
  jobId: string;
  assignmentId: string;
  /** The eventId of the JobAssigned this cancellation ends. */
  assignedEventId: string;
  contractorId: string;
  dispatchGroups: string[];
  occurredAt: string;
  cancelledBy: string;
}

export type ClientState = 'idle' | 'connecting' | 'catching up' | 'live' | 'reconnecting' | 'refused' | 'stopped';

export interface Closed {
  code: number;
  reason: string;
  /** The error frame the server sent before closing, if any. */
  error: ErrorFrame | null;
}

export interface JobFeedClientOptions {
  /** The WebSocket endpoint, e.g. `ws://127.0.0.1:8082/ws`. */
  url: string | URL;
  /** A dispatcher's or contractor's JWT, or a function giving the current one at each (re)connect. */
  token: string | (() => string);
  /** Where to resume from: the last `resume` this subscriber kept (default: the position the server keeps). */
  resume?: Resume;
  /** `dispatcher:<group>` or `contractor:<id>` subscriptions (default: everything the token allows). */
  subscribe?: string | string[];
  /** Each jobAssigned frame; `first` is false for another copy of an event already delivered. */
  onJobAssigned?: (frame: JobAssignedFrame, copy: { first: boolean }) => void;
  /** Each assignmentCancelled frame; it follows the jobAssigned of the same assignment. */
  onAssignmentCancelled?: (frame: AssignmentCancelledFrame, copy: { first: boolean }) => void;
  /** Every frame, after the client handled it. */
  onFrame?: (frame: ServerFrame) => void;
  onState?: (state: ClientState, detail: Record<string, unknown>) => void;
  /** The position moved: keep it (localStorage, a file) to resume from it after a restart. */
  onResume?: (resume: Resume) => void;
  /** The connection closed; return false to stop instead of reconnecting (an expired token, say). */
  onClose?: (closed: Closed) => boolean | void;
  ackIntervalMs?: number;
  backoffMinMs?: number;
  backoffMaxMs?: number;
  silenceLimitMs?: number;
  rememberedEvents?: number;
  /** A WebSocket class, when the runtime has no global one. */
  WebSocket?: typeof WebSocket;
}

export declare const DEFAULTS: Readonly<{
  ackIntervalMs: number;
  backoffMinMs: number;
  backoffMaxMs: number;
  silenceLimitMs: number;
  rememberedEvents: number;
}>;

export declare const CLOSE: Readonly<{ REFUSED: 1008; RESTARTING: 1012; NO_HEARTBEAT: 4000 }>;

export declare class JobFeedClient {
  constructor(options: JobFeedClientOptions);
  readonly resume: Resume;
  readonly state: ClientState;
  start(): void;
  stop(): void;
  reconnectNow(): void;
}
