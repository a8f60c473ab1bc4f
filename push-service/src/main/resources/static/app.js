// Live assignments dashboard: signs in (demo identity in dev, or a pasted token) and follows /ws through the
// protocol client job-feed-client.js, which reconnects from the last resume position (kept here in localStorage, so
// a reload or a push-service restart loses nothing), acknowledges, and delivers each event once; a dispatcher's
// second copy (another of its groups) adds that group to the row. A cancellation strikes its assignment through.
import { JobFeedClient } from './job-feed-client.js';

(() => {
  const TOKEN_KEY = 'push-service.token';
  const RESUME_KEY_PREFIX = 'push-service.resume.';
  const MAX_EVENTS = 500;

  const $ = (id) => document.getElementById(id);

  const app = {
    eventLogUrl: '',
    token: null,
    client: null,
    welcomed: false,
    countdownTimer: null,
    events: new Map(),
    subject: null,
    online: new Set(),
  };

  // ---- start-up and sign-in -------------------------------------------------------------------------------

  async function init() {
    $('sign-out').addEventListener('click', () => signOut(''));
    $('token-form').addEventListener('submit', (event) => {
      event.preventDefault();
      signIn($('token-input').value.trim());
    });
    window.addEventListener('online', reconnectNow);
    setInterval(refreshRelativeTimes, 30000);
    app.eventLogUrl = await loadEventLogUrl();
    const token = tokenFromHash() || sessionStorage.getItem(TOKEN_KEY);
    if (token) {
      signIn(token);
    } else {
      showLogin('');
    }
  }

  async function loadEventLogUrl() {
    try {
      const response = await fetch('config.json', { cache: 'no-store' });
      const config = await response.json();
      return String(config.assignmentServiceUrl || '').replace(/\/+$/, '');
    } catch (error) {
      return '';
    }
  }

  /** Lets a link (or a test) open the page signed in: index.html#token=eyJ… (a fragment never reaches a server). */
  function tokenFromHash() {
    const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
    if (!match) {
      return null;
    }
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return decodeURIComponent(match[1]);
  }

  async function showLogin(message) {
    setState('offline', '');
    $('login').hidden = false;
    $('identity').hidden = true;
    $('dispatcher-view').hidden = true;
    $('presence').hidden = true;
    $('contractor-view').hidden = true;
    $('login-error').textContent = message;
    await loadDemoUsers();
  }

  async function loadDemoUsers() {
    let users;
    try {
      const response = await fetch('dev/demo-users', { cache: 'no-store' });
      if (!response.ok) {
        return; // not the dev profile: tokens come from an identity provider
      }
      users = await response.json();
    } catch (error) {
      return;
    }
    const list = $('demo-user-list');
    list.replaceChildren(...users.map(demoUserButton));
    $('demo-users').hidden = users.length === 0;
  }

  function demoUserButton(user) {
    const button = el('button', 'demo-user');
    button.type = 'button';
    button.dataset.subject = user.subject;
    button.dataset.role = user.role;
    button.append(el('span', 'demo-role', user.role), el('strong', '', user.subject), el('span', 'demo-name', user.name));
    button.addEventListener('click', () => signInAsDemoUser(user));
    return button;
  }

  async function signInAsDemoUser(user) {
    const query = new URLSearchParams({ sub: user.subject });
    if (user.role === 'dispatcher') {
      query.set('groups', user.groups.join(','));
    }
    try {
      const response = await fetch(`dev/tokens/${encodeURIComponent(user.role)}?${query}`, { cache: 'no-store' });
      if (!response.ok) {
        throw new Error(`HTTP ${response.status}`);
      }
      signIn((await response.text()).trim());
    } catch (error) {
      $('login-error').textContent = `Could not get a demo token (${error.message}).`;
    }
  }

  function signIn(token) {
    const claims = decodeClaims(token);
    if (!claims) {
      showLogin('That does not look like a JWT.');
      return;
    }
    if (isExpired(claims)) {
      sessionStorage.removeItem(TOKEN_KEY);
      showLogin('That token has expired. Please sign in again.');
      return;
    }
    app.token = token;
    sessionStorage.setItem(TOKEN_KEY, token);
    app.subject = `${claims.role}:${claims.sub}`;
    $('login').hidden = true;
    $('token-input').value = '';
    showIdentity(claims.role, claims.sub, Array.isArray(claims.groups) ? claims.groups : []);
    clearEvents();
    connect();
  }

  function signOut(message) {
    app.token = null;
    sessionStorage.removeItem(TOKEN_KEY);
    disconnect();
    clearEvents();
    showLogin(message);
  }

  function decodeClaims(token) {
    try {
      const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      const json = decodeURIComponent(Array.from(atob(payload), (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
      return JSON.parse(json);
    } catch (error) {
      return null;
    }
  }

  function isExpired(claims) {
    return typeof claims.exp === 'number' && claims.exp * 1000 <= Date.now();
  }

  // ---- connection (job-feed-client.js: resume, ack, dedupe, backoff, heartbeat watchdog) ---------------------

  function connect() {
    disconnect();
    app.welcomed = false;
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const resumeKey = RESUME_KEY_PREFIX + app.subject;
    app.client = new JobFeedClient({
      url: `${scheme}://${window.location.host}/ws`,
      token: () => app.token,
      resume: localStorage.getItem(resumeKey) || '',
      onResume: (resume) => localStorage.setItem(resumeKey, resume),
      onJobAssigned: addEvent,
      onAssignmentCancelled: cancelEvent,
      onFrame,
      onState,
      onClose: () => {
        const claims = decodeClaims(app.token);
        if (!claims || isExpired(claims)) {
          signOut('Your session has expired. Please sign in again.');
          return false;
        }
        return true;
      },
    });
    app.client.start();
  }

  function disconnect() {
    clearInterval(app.countdownTimer);
    const client = app.client;
    app.client = null;
    if (client) {
      client.stop();
    }
  }

  function onState(state, detail) {
    clearInterval(app.countdownTimer);
    switch (state) {
      case 'connecting':
        setState('connecting', '');
        break;
      case 'reconnecting':
        if (detail.delayMs === undefined) {
          setState('reconnecting', 'connecting…');
        } else {
          countDown(Date.now() + detail.delayMs);
        }
        break;
      case 'catching up':
        setState('catching up', detail.resumed ? 'fetching what was missed…' : '');
        break;
      case 'live':
        setState('live', detail.replayed > 0 ? `${detail.replayed} missed while away` : '');
        break;
      case 'refused':
        signOut(`The server refused the connection: ${detail.reason || 'no reason given'}.`);
        break;
      default:
        break; // stopped: signed out, or about to connect again
    }
  }

  function onFrame(frame) {
    switch (frame.type) {
      case 'welcome':
        app.welcomed = true;
        showIdentity(frame.role, frame.subject, frame.groups);
        showView(frame.role, frame.groups);
        break;
      case 'presence':
        updatePresence(frame);
        break;
      case 'error':
        setState(app.welcomed ? 'live' : 'offline', frame.message);
        break;
      default:
        break; // notifications went to addEvent and cancelEvent; caughtUp and ping changed the state, if anything
    }
  }

  function countDown(due) {
    const tick = () => setState('reconnecting', `retrying in ${Math.max(0, Math.ceil((due - Date.now()) / 1000))} s`);
    tick();
    app.countdownTimer = setInterval(tick, 1000);
  }

  function reconnectNow() {
    if (app.client) {
      app.client.reconnectNow();
    }
  }

  function setState(name, detail) {
    const state = $('connection-state');
    state.textContent = name;
    state.className = `state state-${name.replace(/ /g, '-')}`;
    $('connection-detail').textContent = detail;
  }

  // ---- views ----------------------------------------------------------------------------------------------

  function showIdentity(role, subject, groups) {
    const parts = [subject, role];
    if (role === 'dispatcher') {
      parts.push(groups.length ? groups.join(', ') : 'no groups');
    }
    $('identity-text').textContent = parts.filter(Boolean).join(' · ');
    $('identity').hidden = false;
  }

  function showView(role, groups) {
    const dispatcher = role === 'dispatcher';
    $('dispatcher-view').hidden = !dispatcher;
    $('presence').hidden = !dispatcher;
    $('contractor-view').hidden = dispatcher;
    if (dispatcher) {
      $('group-list').textContent = groups.length ? groups.join(', ') : 'no dispatch groups';
    }
    updateCounts();
  }

  function clearEvents() {
    app.events.clear();
    app.online.clear();
    $('assignment-rows').replaceChildren();
    $('my-assignments').replaceChildren();
    renderPresence();
    updateCounts();
  }

  /** Contractors connected to any push-service instance: the full list on connect, then each change. */
  function updatePresence(frame) {
    if (frame.full) {
      app.online.clear();
    }
    (frame.online || []).forEach((contractor) => app.online.add(contractor));
    (frame.offline || []).forEach((contractor) => app.online.delete(contractor));
    renderPresence();
  }

  function renderPresence() {
    const online = Array.from(app.online).sort();
    $('online-list').replaceChildren(...online.map((contractor) => {
      const item = el('li', 'chip online');
      item.dataset.contractorId = contractor;
      item.textContent = contractor;
      return item;
    }));
    $('online-count').textContent = `${online.length} online`;
    $('online-empty').hidden = online.length > 0;
  }

  function addEvent(frame, copy) {
    const known = app.events.get(frame.eventId);
    if (!known && !copy.first) {
      return; // another copy of an event shown once and trimmed since
    }
    if (known) {
      // The same event for another of the dispatcher's groups: one row, one more group.
      if (frame.stream === 'dispatcher' && !known.groups.includes(frame.key)) {
        known.groups.push(frame.key);
        renderGroups(known);
      }
      return;
    }
    const entry = {
      event: frame.event,
      groups: frame.stream === 'dispatcher' ? [frame.key] : [],
      occurredAt: Date.parse(frame.event.occurredAt),
    };
    entry.element = frame.stream === 'dispatcher' ? dispatcherRow(entry) : contractorCard(entry);
    entry.element.dataset.eventId = frame.eventId;
    entry.element.classList.add('fresh');
    app.events.set(frame.eventId, entry);
    insertNewestFirst(frame.stream === 'dispatcher' ? $('assignment-rows') : $('my-assignments'), entry);
    trimOldest();
    updateCounts();
  }

  /** Strikes the cancelled assignment through, where it is shown; it follows its jobAssigned on each stream. */
  function cancelEvent(frame) {
    const entry = app.events.get(frame.event.assignedEventId);
    if (!entry || entry.cancelled) {
      return; // trimmed since, or a copy for another of the dispatcher's groups
    }
    entry.cancelled = frame.event;
    entry.element.classList.add('cancelled');
    const note = el('span', 'cancelled-note', `Cancelled by ${frame.event.cancelledBy} `);
    note.append(whenElement(frame.event.occurredAt));
    entry.element.querySelector('.cancel-slot').replaceChildren(note);
    updateCounts();
  }

  function insertNewestFirst(container, entry) {
    const older = Array.from(container.children).find((child) => Number(child.dataset.occurredAt) < entry.occurredAt);
    entry.element.dataset.occurredAt = String(entry.occurredAt);
    container.insertBefore(entry.element, older || null);
  }

  function trimOldest() {
    while (app.events.size > MAX_EVENTS) {
      let oldestId = null;
      let oldest = Infinity;
      app.events.forEach((entry, id) => {
        if (entry.occurredAt < oldest) {
          oldest = entry.occurredAt;
          oldestId = id;
        }
      });
      app.events.get(oldestId).element.remove();
      app.events.delete(oldestId);
    }
  }

  function updateCounts() {
    const count = app.events.size;
    const cancelled = Array.from(app.events.values()).filter((entry) => entry.cancelled).length;
    const label = (count === 1 ? '1 assignment' : `${count} assignments`) + (cancelled ? `, ${cancelled} cancelled` : '');
    $('dispatcher-count').textContent = label;
    $('contractor-count').textContent = label;
    $('dispatcher-empty').hidden = count > 0;
    $('contractor-empty').hidden = count > 0;
  }

  function dispatcherRow(entry) {
    const event = entry.event;
    const row = el('tr');
    row.append(
      cell('Job', el('strong', '', event.jobId), el('span', 'title', event.job.title), el('span', 'muted', event.job.jobType)),
      cell('Contractor', el('span', '', event.contractorName), el('span', 'muted', event.contractorId)),
      cell('Slot', ...slotParts(event.scheduledTimeSlot)),
      cell('Address', ...addressLines(event.job.serviceAddress).map((line) => el('span', '', line))),
      cell('When', whenElement(event.occurredAt), el('span', 'cancel-slot')),
      cell('Group(s)', el('span', 'groups')),
      cell('', eventLogLink(event.eventId)),
    );
    entry.groupsElement = row.querySelector('.groups');
    renderGroups(entry);
    return row;
  }

  function contractorCard(entry) {
    const event = entry.event;
    const card = el('li', 'card');
    const head = el('div', 'card-head');
    head.append(el('strong', '', event.job.title), el('span', 'muted', `${event.jobId} · ${event.job.jobType}`));
    const slot = el('div', 'card-slot');
    slot.append(...slotParts(event.scheduledTimeSlot));
    const address = el('div', 'card-address', addressLines(event.job.serviceAddress).join(', '));
    const foot = el('div', 'card-foot');
    foot.append(el('span', 'muted', 'Assigned '), whenElement(event.occurredAt), eventLogLink(event.eventId));
    card.append(head, slot, address, foot, el('div', 'cancel-slot'));
    return card;
  }

  function renderGroups(entry) {
    entry.groupsElement.replaceChildren(...entry.groups.map((group) => el('span', 'chip', group)));
  }

  function cell(label, ...children) {
    const td = el('td');
    td.dataset.label = label;
    td.append(...children);
    return td;
  }

  function eventLogLink(eventId) {
    const button = el('button', 'event-log link-button', 'Event log');
    button.type = 'button';
    button.title = `EventLog entry ${eventId}`;
    button.addEventListener('click', () => showEventLogEntry(eventId));
    return button;
  }

  /**
   * Fetches the EventLog entry with the token in the Authorization header (never in a URL, which ends up in the
   * browser's history and in server logs) and shows it in a dialog.
   */
  async function showEventLogEntry(eventId) {
    const dialog = document.getElementById('event-log-dialog');
    const body = document.getElementById('event-log-body');
    document.getElementById('event-log-title').textContent = `EventLog entry ${eventId}`;
    body.textContent = 'Loading…';
    dialog.showModal();
    try {
      const response = await fetch(`${app.eventLogUrl}/api/events/${encodeURIComponent(eventId)}`, {
        headers: { Authorization: `Bearer ${app.token}`, Accept: 'application/json' },
      });
      const json = await response.json();
      body.textContent = response.ok ? JSON.stringify(json, null, 2) : `${response.status}: ${json.detail || json.title}`;
    } catch (error) {
      body.textContent = `Could not load the entry: ${error.message}`;
    }
  }

  function whenElement(iso) {
    const time = el('time', 'when');
    time.dateTime = iso;
    time.title = new Date(iso).toLocaleString();
    time.textContent = relative(iso);
    return time;
  }

  function refreshRelativeTimes() {
    document.querySelectorAll('time.when').forEach((time) => {
      time.textContent = relative(time.dateTime);
    });
  }

  // ---- formatting -----------------------------------------------------------------------------------------

  /** The slot in its own time zone (where the work happens), e.g. "Mon 7 Jan, 10:00 – 12:00" and "Europe/Berlin". */
  function slotParts(slot) {
    const zone = validZone(slot.timeZone);
    const day = new Intl.DateTimeFormat(undefined, { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short' });
    const time = new Intl.DateTimeFormat(undefined, { timeZone: zone, hour: '2-digit', minute: '2-digit' });
    const start = new Date(slot.start);
    const end = new Date(slot.end);
    const sameDay = day.format(start) === day.format(end);
    const text = sameDay
      ? `${day.format(start)}, ${time.format(start)} – ${time.format(end)}`
      : `${day.format(start)}, ${time.format(start)} – ${day.format(end)}, ${time.format(end)}`;
    return [el('span', '', text), el('span', 'muted', slot.timeZone)];
  }

  function validZone(zone) {
    try {
      new Intl.DateTimeFormat(undefined, { timeZone: zone });
      return zone;
    } catch (error) {
      return 'UTC';
    }
  }

  function addressLines(address) {
    const city = [address.postalCode, address.city].filter(Boolean).join(' ');
    return [address.street, [city, address.region, address.country].filter(Boolean).join(', ')];
  }

  function relative(iso) {
    const seconds = Math.round((Date.now() - Date.parse(iso)) / 1000);
    if (seconds < 45) {
      return 'just now';
    }
    if (seconds < 3600) {
      return `${Math.round(seconds / 60)} min ago`;
    }
    if (seconds < 86400) {
      return `${Math.round(seconds / 3600)} h ago`;
    }
    return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  }

  /** Builds an element; text goes in as text, never as HTML. */
  function el(tag, className, text) {
    const element = document.createElement(tag);
    if (className) {
      element.className = className;
    }
    if (text !== undefined) {
      element.textContent = text;
    }
    return element;
  }

  init();
})();
