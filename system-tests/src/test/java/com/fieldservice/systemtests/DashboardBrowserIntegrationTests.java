package com.fieldservice.systemtests;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fieldservice.stack.LocalStack;
import com.fieldservice.stack.SpringService;
import com.fieldservice.testsupport.AssignmentApi;
import com.fieldservice.testsupport.Tokens;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;

import tools.jackson.databind.JsonNode;

/**
 * The dispatcher dashboard in real headless Chromium on the real stack: a new assignment
 * appears as a row; rows of assignments made while push-service was down appear, each
 * exactly once, after it is back (the page reconnects from its last position and catches
 * up from Kafka).
 */
class DashboardBrowserIntegrationTests {

	private static final LocatorAssertions.HasCountOptions WITHIN_A_MINUTE = new LocatorAssertions.HasCountOptions()
		.setTimeout(60_000);

	@Test
	void rowsAppearLiveAndThoseMissedWhilePushServiceWasDownAppearExactlyOnceAfterward() {
		LocalStack stack = SystemStack.get();
		SpringService push = stack.service(LocalStack.PUSH_SERVICE);
		var api = new AssignmentApi(stack.service(LocalStack.ASSIGNMENT_SERVICE).url(),
				Tokens.dispatcher("D-1", List.of()));
		String group = AssignmentApi.unique("grp");
		String contractor = AssignmentApi.unique("C");
		api.createGroup(group);
		api.createContractor(contractor, "Ada Lovelace Electrics");

		try (var chromium = new HeadlessChromium(); var context = chromium.browser().newContext()) {
			Page page = context.newPage();
			page.navigate(push.url() + "/index.html#token=" + Tokens.dispatcher("D-browser", List.of(group)));
			assertThat(page.locator("#connection-state")).hasText("live",
					new LocatorAssertions.HasTextOptions().setTimeout(30_000));

			String live = assign(api, group, contractor, 0);
			assertThat(row(page, live)).hasCount(1, WITHIN_A_MINUTE);

			push.stop();
			var missed = new ArrayList<String>();
			for (int i = 1; i <= 3; i++) {
				missed.add(assign(api, group, contractor, i));
			}
			push.start();
			push.awaitReady(Duration.ofSeconds(120));

			for (String eventId : missed) {
				assertThat(row(page, eventId)).hasCount(1, WITHIN_A_MINUTE);
			}
			assertThat(row(page, live)).hasCount(1);
			assertThat(page.locator("tr[data-event-id]")).hasCount(1 + missed.size());
		}
	}

	@Test
	void aCancelledAssignmentIsStruckThroughLiveOnTheDashboardAndTheContractorsPage() {
		LocalStack stack = SystemStack.get();
		SpringService push = stack.service(LocalStack.PUSH_SERVICE);
		var api = new AssignmentApi(stack.service(LocalStack.ASSIGNMENT_SERVICE).url(),
				Tokens.dispatcher("D-1", List.of()));
		String group = AssignmentApi.unique("grp");
		String contractor = AssignmentApi.unique("C");
		api.createGroup(group);
		api.createContractor(contractor, "Ada Lovelace Electrics");

		try (var chromium = new HeadlessChromium(); var context = chromium.browser().newContext()) {
			Page dashboard = context.newPage();
			dashboard.navigate(push.url() + "/index.html#token=" + Tokens.dispatcher("D-browser", List.of(group)));
			Page devices = context.newPage();
			devices.navigate(push.url() + "/index.html#token=" + Tokens.contractor(contractor));
			for (Page page : List.of(dashboard, devices)) {
				assertThat(page.locator("#connection-state")).hasText("live",
						new LocatorAssertions.HasTextOptions().setTimeout(30_000));
			}
			String kept = assign(api, group, contractor, 0);
			String job = AssignmentApi.unique("J");
			api.createJob(job, List.of(group));
			Instant start = Instant.parse("2031-05-04T16:00:00Z");
			JsonNode cancelled = AssignmentApi.expect(201,
					api.assign(job, contractor, start, Duration.ofHours(1), null));
			Locator row = row(dashboard, cancelled.get("eventId").asString());
			Locator card = devices.locator("li[data-event-id='" + cancelled.get("eventId").asString() + "']");
			assertThat(row).hasCount(1, WITHIN_A_MINUTE);
			assertThat(card).hasCount(1, WITHIN_A_MINUTE);

			AssignmentApi.expect(200, api.asDispatcherOf(job).cancel(cancelled.get("id").asString()));

			for (Locator assignment : List.of(row, card)) {
				assertThat(assignment).hasClass(Pattern.compile("\\bcancelled\\b"),
						new LocatorAssertions.HasClassOptions().setTimeout(60_000));
				assertThat(assignment.locator(".cancelled-note")).containsText("Cancelled by D-1");
			}
			assertThat(row(dashboard, kept)).not().hasClass(Pattern.compile("\\bcancelled\\b"));
			assertThat(dashboard.locator("tr[data-event-id]")).hasCount(2);
			assertThat(dashboard.locator("#dispatcher-count")).hasText("2 assignments, 1 cancelled");
			assertThat(devices.locator("#contractor-count")).hasText("2 assignments, 1 cancelled");
		}
	}

	/**
	 * Assigns a fresh job of the group to the contractor, on slot {@code n} of theirs;
	 * returns the event id.
	 */
	private static String assign(AssignmentApi api, String group, String contractor, int n) {
		String job = AssignmentApi.unique("J");
		api.createJob(job, List.of(group));
		Instant start = Instant.parse("2031-05-04T06:00:00Z").plus(Duration.ofHours(2L * n));
		return AssignmentApi
			.expect(201,
					api.assign(job, contractor, start.toString(), start.plus(Duration.ofHours(1)).toString(), null))
			.get("eventId")
			.asString();
	}

	private static Locator row(Page page, String eventId) {
		return page.locator("tr[data-event-id='" + eventId + "']");
	}

}
