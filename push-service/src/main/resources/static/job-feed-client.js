// A client of push-service's WebSocket protocol (docs/protocol.md; every frame in docs/asyncapi.yaml), for browsers
// and Node 22+, with no dependency: it connects, resumes from the last position it was given, acknowledges what it
// delivered, delivers each event once (a dispatcher gets a copy per dispatch group, and a catch-up may repeat what
// an earlier connection delivered), reconnects with jittered exponential backoff, and takes a connection that stays
// silent past three heartbeats for dead. The dashboard (app.js) is built on it. Types: job-feed-client.d.ts.

export const DEFAULTS = Object.freeze({
  // Acknowledging every frame would write to Kafka for every frame; once in a while is enough for other devices.
  ackIntervalMs: 2000,
  backoffMinMs: 1000,
  backoffMaxMs: 30000,
  // The server pings every 20 s: three missed pings mean the connection is dead even if the socket has not noticed.
  silenceLimitMs: 65000,
  // Event ids kept to drop repeats; repeats come within a catch-up's reach, far fewer than this.
  rememberedEvents: 10000,
});

/** Close codes of the protocol (docs/protocol.md). */
export const CLOSE = Object.freeze({ REFUSED: 1008, RESTARTING: 1012, NO_HEARTBEAT: 4000 });

export class JobFeedClient {
  #options;
  #WebSocket;
  #socket = null;
  #state = 'idle';
  #attempt = 0;
  #resume;
  #acknowledged;
  #lastError = null;
  #seen = new Map();
  #timers = { reconnect: null, ack: null, watchdog: null };

  /** @param options see JobFeedClientOptions in job-feed-client.d.ts */
  constructor(options) {
    if (!options || !options.url || !options.token) {
      throw new TypeError('JobFeedClient needs a url and a token');
    }
    this.#options = { ...DEFAULTS, ...options };
    this.#WebSocket = options.WebSocket ?? globalThis.WebSocket;
    this.#resume = options.resume ?? '';
    this.#acknowledged = this.#resume;
  }

  /** The position after the last frame delivered: reconnecting with it replays exactly what was missed. */
  get resume() {
    return this.#resume;
  }

  /** idle, connecting, catching up, live, reconnecting, refused or stopped. */
  get state() {
    return this.#state;
  }

  /** Connects; from then on it reconnects by itself until stop() or a refusal. */
  start() {
    this.#attempt = 0;
    this.#connect();
  }

  /** Closes the connection (after acknowledging what was delivered) and stops reconnecting. */
  stop() {
    this.#flushAck();
    this.#disconnect(1000, 'client stopped');
    this.#setState('stopped');
  }

  /** Connects now if it is waiting to reconnect (the network came back, the page became visible). */
  reconnectNow() {
    if (this.#state === 'reconnecting') {
      this.#connect();
    }
  }

  #connect() {
    this.#disconnect(1000, 'reconnecting');
    const token = typeof this.#options.token === 'function' ? this.#options.token() : this.#options.token;
    const url = new URL(this.#options.url);
    url.searchParams.set('access_token', token);
    if (this.#resume) {
      url.searchParams.set('resume', this.#resume); // the server replays what was missed, then goes live
    }
    if (this.#options.subscribe && this.#options.subscribe.length) {
      url.searchParams.set('subscribe', [].concat(this.#options.subscribe).join(','));
    }
    const socket = new this.#WebSocket(url.toString());
    this.#socket = socket;
    this.#lastError = null;
    this.#setState(this.#attempt === 0 ? 'connecting' : 'reconnecting', { attempt: this.#attempt });
    socket.addEventListener('message', (message) => {
      if (socket === this.#socket) {
        this.#onFrame(message.data);
      }
    });
    socket.addEventListener('close', (event) => {
      if (socket === this.#socket) {
        this.#onClose(event.code, event.reason);
      }
    });
    // A handshake that fails (nothing listening, a refusal with 401) ends in 'error' then 'close' in browsers, but
    // in 'error' alone in Node's WebSocket: either way it is a connection closed abnormally (1006).
    let opened = false;
    socket.addEventListener('open', () => {
      opened = true;
    });
    socket.addEventListener('error', () => {
      if (socket === this.#socket && !opened) {
        this.#onClose(1006, 'connection failed');
      }
    });
    this.#armWatchdog();
  }

  #disconnect(code, reason) {
    for (const name of Object.keys(this.#timers)) {
      clearTimeout(this.#timers[name]);
      this.#timers[name] = null;
    }
    const socket = this.#socket;
    this.#socket = null;
    if (socket && socket.readyState <= 1) {
      socket.close(code, reason);
    }
  }

  #onFrame(data) {
    this.#armWatchdog();
    let frame;
    try {
      frame = JSON.parse(data);
    } catch (error) {
      return; // not a frame of this protocol
    }
    switch (frame.type) {
      case 'welcome':
        this.#attempt = 0;
        this.#setState('catching up', { resumed: this.#resume !== '' });
        this.#remember(frame.resume);
        break;
      case 'jobAssigned':
        this.#options.onJobAssigned?.(frame, { first: this.#firstCopy(frame.eventId) });
        this.#remember(frame.resume);
        break;
      case 'assignmentCancelled':
        this.#options.onAssignmentCancelled?.(frame, { first: this.#firstCopy(frame.eventId) });
        this.#remember(frame.resume);
        break;
      case 'caughtUp':
        this.#setState('live', { replayed: frame.replayed, complete: frame.complete, oldest: frame.oldest });
        this.#remember(frame.resume);
        break;
      case 'error':
        this.#lastError = frame;
        if (frame.code === 'bad-request' && /resume/.test(frame.message)) {
          // A position this server cannot read: reconnect from the one the server keeps for this subscriber.
          this.#resume = '';
          this.#options.onResume?.('');
        }
        break;
      default:
        break; // presence, ping (the watchdog was re-armed above), and frames of later versions
    }
    this.#options.onFrame?.(frame);
  }

  /** False for another copy of an event already delivered (a replay after a reconnect, a second stream). */
  #firstCopy(eventId) {
    if (this.#seen.has(eventId)) {
      return false;
    }
    this.#seen.set(eventId, true);
    if (this.#seen.size > this.#options.rememberedEvents) {
      this.#seen.delete(this.#seen.keys().next().value);
    }
    return true;
  }

  #remember(resume) {
    if (typeof resume !== 'string' || resume === '' || resume === this.#resume) {
      return;
    }
    this.#resume = resume;
    this.#options.onResume?.(resume);
    if (!this.#timers.ack) {
      this.#timers.ack = setTimeout(() => {
        this.#timers.ack = null;
        this.#flushAck();
      }, this.#options.ackIntervalMs);
    }
  }

  #flushAck() {
    const socket = this.#socket;
    if (socket && socket.readyState === 1 && this.#resume && this.#resume !== this.#acknowledged) {
      socket.send(JSON.stringify({ type: 'ack', resume: this.#resume }));
      this.#acknowledged = this.#resume;
    }
  }

  #onClose(code, reason) {
    // A socket still open (the watchdog gave it up, or its handshake failed) is closed by us, with one of the
    // codes a client may send.
    this.#disconnect(code === CLOSE.NO_HEARTBEAT ? code : 1000, reason);
    const closed = { code, reason, error: this.#lastError };
    if (this.#options.onClose?.(closed) === false) {
      this.#setState('stopped', closed);
      return;
    }
    // Refused (a subscription the token does not allow, an expired token): retrying cannot help, except after a
    // resume position the server could not read, which was dropped above.
    if (code === CLOSE.REFUSED && !(this.#lastError && this.#lastError.code === 'bad-request')) {
      this.#setState('refused', closed);
      return;
    }
    // 1012: the instance is shutting down (a rolling deploy); another one takes over at once.
    const delay = code === CLOSE.RESTARTING ? 250 + Math.random() * 1000 : this.#backoff(this.#attempt);
    this.#attempt += 1;
    this.#setState('reconnecting', { ...closed, attempt: this.#attempt, delayMs: Math.round(delay) });
    this.#timers.reconnect = setTimeout(() => this.#connect(), delay);
  }

  /** Jittered, so the clients of a failed instance do not all come back at once. */
  #backoff(attempt) {
    const ceiling = Math.min(this.#options.backoffMaxMs, this.#options.backoffMinMs * 2 ** attempt);
    return ceiling / 2 + (Math.random() * ceiling) / 2;
  }

  #armWatchdog() {
    clearTimeout(this.#timers.watchdog);
    const socket = this.#socket;
    this.#timers.watchdog = setTimeout(() => {
      if (socket && socket === this.#socket) {
        this.#onClose(CLOSE.NO_HEARTBEAT, 'no heartbeat');
      }
    }, this.#options.silenceLimitMs);
  }

  #setState(state, detail = {}) {
    this.#state = state;
    this.#options.onState?.(state, detail);
  }
}
