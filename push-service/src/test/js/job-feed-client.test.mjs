// The protocol client (job-feed-client.js) against a real push-service, run by JobFeedClientIntegrationTests, which
// gives the WebSocket URL, tokens, and a control endpoint that assigns jobs and restarts the push-service instance.
// Env: PUSH_WS_URL, DISPATCHER_TOKEN (groups GROUP_A and GROUP_B), CONTROL_URL.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { JobFeedClient } from '../../main/resources/static/job-feed-client.js';

const { PUSH_WS_URL, DISPATCHER_TOKEN, CONTROL_URL } = process.env;
const TIMEOUT_MS = 60_000;

/** Asks the harness to act on the stack; answers its JSON. */
async function control(action, query = {}) {
  const response = await fetch(`${CONTROL_URL}/${action}?${new URLSearchParams(query)}`, { method: 'POST' });
  const body = await response.text();
  assert.equal(response.status, 200, `${action}: ${body}`);
  return JSON.parse(body);
}

const started = [];
afterEach(() => started.splice(0).forEach((client) => client.stop()));

/** A client that records what it delivers and the states it goes through; stopped after its test. */
function recordingClient(options = {}) {
  const seen = { first: [], repeats: [], cancelled: [], states: [], closes: [] };
  const waiters = [];
  const notify = () => waiters.splice(0).forEach((wake) => wake());
  const client = new JobFeedClient({
    url: PUSH_WS_URL,
    token: DISPATCHER_TOKEN,
    backoffMaxMs: 2000,
    ackIntervalMs: 200,
    ...options,
    onJobAssigned: (frame, copy) => {
      (copy.first ? seen.first : seen.repeats).push(frame.eventId);
      notify();
    },
    onAssignmentCancelled: (frame, copy) => {
      seen.cancelled.push({ ends: frame.event.assignedEventId, first: copy.first, after: seen.first.slice() });
      notify();
    },
    onState: (state, detail) => {
      seen.states.push(state);
      if (detail.code !== undefined) {
        seen.closes.push(detail.code);
      }
      notify();
    },
  });
  started.push(client);
  /** Waits until `condition` holds, re-checking after each delivery or change of state. */
  async function until(condition, what) {
    const deadline = Date.now() + TIMEOUT_MS;
    while (!condition()) {
      const left = deadline - Date.now();
      assert.ok(left > 0, `timed out waiting for ${what}; states ${seen.states.join(' > ')}, delivered ${seen.first.length}`);
      await new Promise((wake) => {
        waiters.push(wake);
        setTimeout(wake, Math.min(left, 1000));
      });
    }
  }
  return { client, seen, until };
}

test('resumes where it stopped: what was assigned meanwhile, once, and nothing delivered before', async () => {
  const first = recordingClient();
  first.client.start();
  await first.until(() => first.client.state === 'live', 'live');
  const before = (await control('assign', { count: 3, groups: 'a' })).eventIds;
  await first.until(() => before.every((id) => first.seen.first.includes(id)), 'the first three');
  first.client.stop();

  const missed = (await control('assign', { count: 4, groups: 'a' })).eventIds;
  const second = recordingClient({ resume: first.client.resume });
  second.client.start();
  await second.until(() => missed.every((id) => second.seen.first.includes(id)), 'the four missed');
  await new Promise((wait) => setTimeout(wait, 1000)); // room for a wrong extra frame
  second.client.stop();

  assert.deepEqual([...second.seen.first].sort(), [...missed].sort());
  assert.deepEqual(second.seen.repeats, []);
  assert.ok(second.seen.states.includes('catching up') && second.seen.states.includes('live'), second.seen.states.join());
});

test("delivers an event once though the dispatcher gets a copy for each of its groups", async () => {
  const { client, seen, until } = recordingClient();
  client.start();
  await until(() => client.state === 'live', 'live');
  const [both] = (await control('assign', { count: 1, groups: 'a,b' })).eventIds;
  await until(() => seen.repeats.includes(both), 'the copy for the second group');
  client.stop();

  assert.deepEqual(seen.first, [both]);
  assert.deepEqual(seen.repeats, [both]);
});

test('delivers a cancellation after its assignment, once for both of the dispatcher\'s groups', async () => {
  const { client, seen, until } = recordingClient();
  client.start();
  await until(() => client.state === 'live', 'live');
  const [assigned] = (await control('assign-and-cancel', { count: 1, groups: 'a,b' })).eventIds;
  await until(() => seen.cancelled.length === 2, 'the cancellation for both groups');
  client.stop();

  assert.deepEqual(seen.first, [assigned]);
  assert.deepEqual(seen.cancelled.map((c) => [c.ends, c.first]), [[assigned, true], [assigned, false]]);
  assert.ok(seen.cancelled[0].after.includes(assigned), 'the assignment came first');
});

test('reconnects after its push-service instance restarts and misses nothing', async () => {
  const { client, seen, until } = recordingClient();
  client.start();
  await until(() => client.state === 'live', 'live');
  // The harness stops the instance (the client is told 1012), assigns while it is down, and starts it again.
  const whileDown = (await control('restart-push', { count: 3, groups: 'a' })).eventIds;
  await until(() => whileDown.every((id) => seen.first.includes(id)), 'what was assigned while the instance was down');
  const after = (await control('assign', { count: 2, groups: 'a' })).eventIds;
  await until(() => after.every((id) => seen.first.includes(id)), 'what was assigned after');
  client.stop();

  assert.deepEqual([...seen.first].sort(), [...whileDown, ...after].sort());
  assert.deepEqual(seen.repeats, []);
  assert.ok(seen.closes.includes(1012), `closes: ${seen.closes.join()}`);
  assert.ok(seen.states.lastIndexOf('reconnecting') < seen.states.lastIndexOf('live'), seen.states.join(' > '));
});

test('takes a connection silent past the heartbeat limit for dead and connects again', async () => {
  const { client, seen, until } = recordingClient({ silenceLimitMs: 1500 });
  client.start();
  // The server pings every 20 s: with a limit of 1.5 s the client gives the connection up, and reconnects.
  await until(() => seen.closes.includes(4000) && client.state === 'live', 'a reconnect after the silence');
  client.stop();

  assert.equal(client.state, 'stopped');
});

test('is refused, and stops, when it subscribes to a group its token does not allow', async () => {
  const { client, seen, until } = recordingClient({ subscribe: 'dispatcher:not-my-group' });
  client.start();
  await until(() => client.state === 'refused', 'the refusal');

  assert.ok(seen.closes.includes(1008), `closes: ${seen.closes.join()}`);
  assert.equal(seen.states.includes('reconnecting'), false, seen.states.join(' > '));
});
